//! Feature-selection statistics against scikit-learn / numpy on real data (reference values from
//! `tests/reference/selection.py`): VarianceThreshold variances, numpy corrcoef, f_classif F and p,
//! η² and the Laplacian score of a direct numpy implementation, all within 1e-9 relative.

use crate::selection_support as support;

use ndarray::s;
use segscope::engine::features::selection::{
    laplacian_scores, pearson_matrix, separation, variances, LaplacianParams,
};
use segscope::engine::progress::Silent;
use support::{close, floats, load, max_rel};

const SETS: [&str; 3] = ["mall", "wholesale", "cc_general"];
const REL: f64 = 1e-9;

#[test]
fn variances_match_variance_threshold() {
    for name in SETS {
        let f = load(name);
        let got = variances(f.imputed.view());
        let want = floats(&f.json["variances"]);
        let err = max_rel(&got, &want);
        println!("{name}: variances max rel err {err:e}");
        assert!(err <= REL, "{name}: {got:?} vs {want:?}");
    }
}

#[test]
fn pearson_matches_numpy_corrcoef() {
    for name in SETS {
        let f = load(name);
        let got: Vec<f64> = pearson_matrix(f.scaled.view()).iter().copied().collect();
        let want = floats(&f.json["corr"]);
        assert_eq!(got.len(), want.len());
        for (a, e) in got.iter().zip(&want) {
            assert!(close(*a, *e, REL, 1e-15), "{name}: r {a} vs {e}");
        }
        println!("{name}: corr max rel err {:e}", max_rel(&got, &want));
    }
}

#[test]
fn anova_matches_f_classif() {
    for name in SETS {
        let f = load(name);
        let sep = separation(f.scaled.view(), &f.labels);
        let (fs, ps, etas): (Vec<f64>, Vec<f64>, Vec<f64>) = (
            sep.iter().map(|s| s.f).collect(),
            sep.iter().map(|s| s.p_value).collect(),
            sep.iter().map(|s| s.eta_squared).collect(),
        );
        let (wf, wp, we) = (floats(&f.json["f"]), floats(&f.json["p"]), floats(&f.json["eta2"]));
        println!(
            "{name}: F max rel err {:e}, p {:e}, eta2 {:e}",
            max_rel(&fs, &wf),
            max_rel(&ps, &wp),
            max_rel(&etas, &we)
        );
        for j in 0..fs.len() {
            assert!(close(fs[j], wf[j], REL, 0.0), "{name} F[{j}]: {} vs {}", fs[j], wf[j]);
            assert!(close(etas[j], we[j], REL, 0.0), "{name} eta2[{j}]: {} vs {}", etas[j], we[j]);
            // scipy underflows to exactly 0 below ~1e-308; so must we (or come within a subnormal of it)
            assert!(close(ps[j], wp[j], REL, 1e-300), "{name} p[{j}]: {:e} vs {:e}", ps[j], wp[j]);
        }
    }
}

#[test]
fn laplacian_score_matches_numpy() {
    for name in SETS {
        let f = load(name);
        let lap = &f.json["laplacian"];
        let rows = lap["rows"].as_u64().unwrap() as usize;
        let x = f.scaled.slice(s![..rows, ..]);
        let k = lap["k_neighbours"].as_u64().unwrap() as usize;
        let p = LaplacianParams::default().with_k_neighbours(k).with_max_rows(rows);
        let got = laplacian_scores(x, &p, 0, &mut Silent).unwrap();
        assert!(!got.sampled);
        let t = lap["t_default"].as_f64().unwrap();
        assert!(close(got.t, t, REL, 0.0), "{name}: t {} vs {t}", got.t);
        let want = floats(&lap["scores_default_t"]);
        let err = max_rel(&got.scores, &want);
        println!("{name}: Laplacian (default t) max rel err {err:e}");
        assert!(err <= REL, "{name}: {:?} vs {want:?}", got.scores);

        let got1 = laplacian_scores(x, &p.clone().with_t(Some(1.0)), 0, &mut Silent).unwrap();
        let want1 = floats(&lap["scores_t1"]);
        let err1 = max_rel(&got1.scores, &want1);
        println!("{name}: Laplacian (t = 1) max rel err {err1:e}");
        assert!(err1 <= REL, "{name}: {:?} vs {want1:?}", got1.scores);
    }
}

#[test]
fn variance_threshold_support_matches_sklearn() {
    use segscope::engine::features::selection::prune::{near_constant, spreads};
    let path = support::root().join("reference/expected/selection_synthetic.json");
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let rows: Vec<Vec<f64>> = json["x"].as_array().unwrap().iter().map(floats).collect();
    let x = ndarray::Array2::from_shape_fn((rows.len(), rows[0].len()), |(i, j)| rows[i][j]);
    let spread = spreads(x.view(), Some(x.view()));
    for case in json["cases"].as_array().unwrap() {
        let threshold = case["threshold"].as_f64().unwrap();
        let want: Vec<bool> =
            case["support"].as_array().unwrap().iter().map(|v| v.as_bool().unwrap()).collect();
        let got: Vec<bool> = spread.iter().map(|s| !near_constant(s, threshold, 0.0)).collect();
        assert_eq!(got, want, "threshold {threshold}");
    }
}
