//! Scalers, Yeo-Johnson and quantile bins against scikit-learn (tests/reference/expected/prep_{scalers,power,bins}.json).

use crate::prep_common;

use prep_common::*;
use segscope::engine::prep::transform::yeo_johnson;
use segscope::engine::prep::{fit_transform, Action, FittedScale, PrepConfig, Scaling, Transform};
use segscope::engine::progress::Silent;
use segscope::engine::table::{ColumnRole, Table};

const TOL: f64 = 1e-9;

fn dataset(name: &str) -> Table {
    let mut t = table(&format!("{name}.csv"));
    match name {
        "mall_customers" => {
            set_role(&mut t, "CustomerID", ColumnRole::Id);
            set_role(&mut t, "Gender", ColumnRole::Ignore);
        }
        "wholesale_customers" => {
            set_role(&mut t, "Channel", ColumnRole::Ignore);
            set_role(&mut t, "Region", ColumnRole::Ignore);
        }
        _ => set_role(&mut t, "CUST_ID", ColumnRole::Id),
    }
    t
}

fn short(name: &str) -> &str {
    match name {
        "mall_customers" => "mall",
        "wholesale_customers" => "wholesale",
        _ => "cc_general",
    }
}

#[test]
fn scalers_match_sklearn() {
    let exp = expected("prep_scalers.json");
    for name in ["mall_customers", "wholesale_customers"] {
        let t = dataset(name);
        let e = &exp["datasets"][short(name)];
        for (key, scaling) in [
            ("standard", Scaling::Standard),
            ("min_max", Scaling::MinMax),
            ("robust", Scaling::Robust),
            ("max_abs", Scaling::MaxAbs),
        ] {
            let cfg = PrepConfig::default().with_scale(scaling);
            let (_, p) = fit_transform(&t, &cfg, 0, &mut Silent).unwrap();
            assert_eq!(p.feature_names, strings(&e["columns"]));
            let err = max_rel_err(&p.matrix, &mat(&e[key]));
            println!("{name} {key}: max rel err {err:.2e}");
            assert!(err < TOL, "{name} {key}: {err}");
        }
    }
}

/// End to end through the pipeline: λ within 1e-4 of scikit-learn's, values within 1e-6. Both λ are Brent
/// optima with tolerance 1.48e-8, and the log-likelihoods differ in the last ulp (numpy's SIMD log1p/expm1 vs
/// libm), so the two searches stop at slightly different points (measured |Δλ| ≈ 2e-8): values can agree only
/// to about |Δλ| · |∂y/∂λ|, not to 1e-9. The exact comparison is the next test.
#[test]
fn yeo_johnson_pipeline_matches_power_transformer() {
    let exp = expected("prep_power.json");
    for name in ["mall_customers", "wholesale_customers", "cc_general"] {
        let t = dataset(name);
        let e = &exp["datasets"][short(name)];
        let cols = strings(&e["columns"]);
        let mut cfg = PrepConfig::default();
        for c in &cols {
            cfg = cfg.with_transform(c, Transform::YeoJohnson);
        }
        let want_lambdas = vec_f(&e["lambdas"]);
        for (key, scaling) in [("raw", Scaling::None), ("standardized", Scaling::Standard)] {
            let (_, p) = fit_transform(&t, &cfg.clone().with_scale(scaling), 0, &mut Silent).unwrap();
            let lambdas: Vec<f64> = cols
                .iter()
                .map(|c| {
                    p.report
                        .for_column(c)
                        .find_map(|r| match r.action {
                            Action::YeoJohnson { lambda } => Some(lambda),
                            _ => None,
                        })
                        .expect("lambda reported")
                })
                .collect();
            let lam_err = lambdas.iter().zip(&want_lambdas).map(|(a, b)| (a - b).abs()).fold(0.0, f64::max);
            let rows: Vec<usize> =
                if e["rows"].is_null() { (0..t.n_rows()).collect() } else { indices(&e["rows"]) };
            let got = p.matrix.select(ndarray::Axis(0), &rows);
            let err = max_rel_err(&got, &mat(&e[key]));
            println!("{name} {key}: max |Δλ| {lam_err:.2e}, max rel err {err:.2e}");
            assert!(lam_err < 1e-4, "{name}: λ {lambdas:?} vs {want_lambdas:?}");
            assert!(err < 1e-6, "{name} {key}: {err}");
        }
    }
}

/// The transform itself, given scikit-learn's λ: Yeo-Johnson values, and the standardised values, within 1e-9.
#[test]
fn yeo_johnson_transform_exact_given_lambda() {
    let exp = expected("prep_power.json");
    for name in ["mall_customers", "wholesale_customers", "cc_general"] {
        let t = dataset(name);
        let e = &exp["datasets"][short(name)];
        let lambdas = vec_f(&e["lambdas"]);
        // the pipeline's input to the transform: mean-imputed, unscaled
        let (_, p) =
            fit_transform(&t, &PrepConfig::default().with_scale(Scaling::None), 0, &mut Silent).unwrap();
        assert_eq!(p.feature_names, strings(&e["columns"]));
        let rows: Vec<usize> =
            if e["rows"].is_null() { (0..t.n_rows()).collect() } else { indices(&e["rows"]) };
        let (want_raw, want_std) = (mat(&e["raw"]), mat(&e["standardized"]));
        let (mut err_raw, mut err_std) = (0.0_f64, 0.0_f64);
        for (j, &lambda) in lambdas.iter().enumerate() {
            let y: Vec<f64> = p.matrix.column(j).iter().map(|&x| yeo_johnson(x, lambda)).collect();
            let s = FittedScale::fit(Scaling::Standard, &y).unwrap();
            for (k, &r) in rows.iter().enumerate() {
                err_raw = err_raw.max(rel_err(y[r], want_raw[[k, j]]));
                err_std = err_std.max(rel_err(s.apply(y[r]), want_std[[k, j]]));
            }
        }
        println!("{name}: max rel err raw {err_raw:.2e}, standardized {err_std:.2e}");
        assert!(err_raw < TOL && err_std < TOL, "{name}: {err_raw} {err_std}");
    }
}

#[test]
fn quantile_bins_match_kbins_discretizer() {
    let exp = expected("prep_bins.json");
    for name in ["mall_customers", "wholesale_customers"] {
        let t = dataset(name);
        let e = &exp["datasets"][short(name)];
        let cols = strings(&e["columns"]);
        let mut cfg = PrepConfig::default().with_scale(Scaling::None);
        for c in &cols {
            cfg = cfg.with_transform(c, Transform::QuantileBins { n_bins: 5 });
        }
        let (_, p) = fit_transform(&t, &cfg, 0, &mut Silent).unwrap();
        for (j, c) in cols.iter().enumerate() {
            let edges = p
                .report
                .for_column(c)
                .find_map(|r| match &r.action {
                    Action::Binned { edges } => Some(edges.clone()),
                    _ => None,
                })
                .unwrap();
            let want = vec_f(&e["edges"][j]);
            assert_eq!(edges.len(), want.len(), "{c}");
            for (a, b) in edges.iter().zip(&want) {
                assert!(rel_err(*a, *b) < TOL, "{c}: {edges:?} vs {want:?}");
            }
        }
        assert_eq!(max_rel_err(&p.matrix, &mat(&e["binned"])), 0.0, "{name}");
    }
}
