
# ---------------------------------------------------------------------------------------------------------
# The job itself: the same for every config (the settings above decide what it does).
# Order of the steps, as in segscope: select features -> missing values -> outliers per column -> transforms
# -> encode categoricals -> scale -> cluster. Every statistic is fitted on the rows that are clustered.
# ---------------------------------------------------------------------------------------------------------

NUMERIC_TYPES = (T.ByteType, T.ShortType, T.IntegerType, T.LongType, T.FloatType, T.DoubleType, T.DecimalType)
ID_LAST = {"id", "ids", "uuid", "guid", "key", "no", "nr", "num", "number", "code", "identifier"}
ID_WHOLE = {"customerid", "custid", "clientid", "userid", "memberid", "accountid", "customerno", "invoiceno",
            "orderid", "transactionid"}
ROW_ID = "__segscope_row"
SPARK_IMPUTER = {"mean": "mean", "median": "median", "most_frequent": "mode"}


def parse_args(argv):
    p = argparse.ArgumentParser(description="Segment customers with Spark MLlib, as the segscope pipeline does.")
    p.add_argument("--input", required=True, help="customer rows: a Parquet or CSV file or directory")
    p.add_argument("--output", required=True, help="where the labeled rows are written (a directory)")
    p.add_argument("--format", choices=["parquet", "csv"], help="input format (default: from the extension)")
    p.add_argument("--output-format", choices=["parquet", "csv"], help="output format (default: the input's)")
    p.add_argument("--master", help="Spark master, e.g. local[2] (default: the one spark-submit gives)")
    p.add_argument("--single-file", action="store_true", help="write one output file (coalesce(1))")
    return p.parse_args(argv)


def q(name):
    """A column by its exact name, whatever characters it holds."""
    return F.col("`" + name.replace("`", "``") + "`")


def read_input(spark, args):
    fmt = args.format or ("csv" if args.input.lower().endswith((".csv", ".tsv", ".txt")) else "parquet")
    if fmt == "parquet":
        return spark.read.parquet(args.input), fmt
    sep = CSV_DELIMITER or ("\t" if args.input.lower().endswith(".tsv") else ",")
    reader = spark.read.option("header", "true" if CSV_HEADER else "false").option("inferSchema", "true")
    return reader.option("sep", sep).option("mode", "PERMISSIVE").csv(args.input), fmt


def id_like_name(name):
    words = re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+", name)
    words = [w.lower() for w in words]
    if not words:
        return False
    return words[-1] in ID_LAST or words[0] == "id" or (len(words) == 1 and words[0] in ID_WHOLE)


def select_features(df, n_rows):
    """Feature names by kind (numeric, boolean, categorical, date), in table order, and the columns skipped."""
    types = {f.name: f.dataType for f in df.schema.fields}
    names = FEATURES if FEATURES is not None else [c for c in df.columns if c not in EXCLUDED and c != ROW_ID]
    absent = [c for c in names if c not in types]
    if absent:
        raise SystemExit("segscope job: the input has no column(s) " + ", ".join(absent))
    strings = [c for c in names if isinstance(types[c], T.StringType) and c not in KIND_OVERRIDES]
    distinct = {}
    if FEATURES is None and strings:
        row = df.agg(*[F.approx_count_distinct(q(c)).alias(str(i)) for i, c in enumerate(strings)]).first()
        distinct = {c: row[str(i)] for i, c in enumerate(strings)}
    kinds = {"numeric": [], "boolean": [], "categorical": [], "date": []}
    skipped = []
    for c in names:
        t, kind = types[c], KIND_OVERRIDES.get(c)
        if kind is None:
            if isinstance(t, T.BooleanType):
                kind = "boolean"
            elif isinstance(t, NUMERIC_TYPES):
                kind = "identifier" if FEATURES is None and id_like_name(c) else "numeric"
            elif isinstance(t, (T.DateType, T.TimestampType)):
                kind = "date"
            elif isinstance(t, T.StringType):
                limit = max(5, min(100, n_rows // 4))
                if FEATURES is None and (id_like_name(c) or distinct.get(c, 0) > limit):
                    kind = "identifier"
                else:
                    kind = "categorical"
            else:
                kind = "unsupported"
        kind = {"integer": "numeric"}.get(kind, kind)
        if kind in kinds:
            kinds[kind].append(c)
        else:
            skipped.append((c, kind))
    return kinds, skipped


def strategy_of(name, kind):
    s = IMPUTE_COLUMNS.get(name)
    if s is not None:
        return s
    if kind in ("categorical", "boolean") and IMPUTE_DEFAULT[0] in ("mean", "median"):
        return ("most_frequent",)
    return IMPUTE_DEFAULT


def most_frequent(df, col):
    row = df.where(col.isNotNull()).groupBy(col.alias("v")).count().orderBy(F.desc("count"), "v").first()
    return None if row is None else row["v"]


def impute(df, work, kinds):
    """Fills missing values; returns the frame, the rows kept and the missing-indicator columns."""
    drop = [c for k, cols in kinds.items() for c in cols if strategy_of(c, k)[0] == "drop"]
    keep = df
    for c in drop:
        keep = keep.where(q(work[c]).isNotNull())
    indicators = []
    if MISSING_INDICATORS:
        cols = [work[c] for cols in kinds.values() for c in cols if c not in drop]
        if cols:
            row = keep.agg(*[F.sum(q(c).isNull().cast("long")).alias(c) for c in cols]).first()
            for c in cols:
                if row[c]:
                    keep = keep.withColumn(c + "_m", q(c).isNull().cast("double"))
                    indicators.append(c + "_m")
    by_strategy = {}
    for kind, cols in kinds.items():
        for c in cols:
            s = strategy_of(c, kind)
            if s[0] == "drop":
                continue
            if kind == "categorical":
                fill = s[1] if s[0] == "constant" else most_frequent(keep, q(work[c]))
                if fill is not None:
                    keep = keep.withColumn(work[c], F.coalesce(q(work[c]), F.lit(str(fill))))
            elif s[0] == "constant":
                keep = keep.withColumn(work[c], F.coalesce(q(work[c]), F.lit(float(s[1]))))
            else:
                by_strategy.setdefault(SPARK_IMPUTER[s[0]], []).append(work[c])
    for strategy, cols in sorted(by_strategy.items()):
        outs = [c + "_i" for c in cols]
        keep = build_imputer(cols, outs, strategy).fit(keep).transform(keep)
        for c, o in zip(cols, outs):
            keep = keep.drop(c).withColumnRenamed(o, c)
    return keep, indicators


def outlier_bounds(df, c, rule):
    method, param = rule[0], rule[1]
    if method == "iqr":
        q1, q3 = df.approxQuantile(c, [0.25, 0.75], QUANTILE_ERROR)
        spread, lo, hi = q3 - q1, q1 - param * (q3 - q1), q3 + param * (q3 - q1)
    elif method == "z_score":
        row = df.agg(F.mean(q(c)).alias("m"), F.stddev_pop(q(c)).alias("s")).first()
        spread, lo, hi = row["s"] or 0.0, row["m"] - param * (row["s"] or 0.0), row["m"] + param * (row["s"] or 0.0)
    else:
        (med,) = df.approxQuantile(c, [0.5], QUANTILE_ERROR)
        (mad,) = df.select(F.abs(q(c) - F.lit(med)).alias("d")).approxQuantile("d", [0.5], QUANTILE_ERROR)
        spread, lo, hi = mad, med - param * 1.4826 * mad, med + param * 1.4826 * mad
    return None if not spread else (lo, hi)


def outliers(df, work, numeric):
    for c in numeric:
        rule = OUTLIER_COLUMNS.get(c, OUTLIER_DEFAULT)
        if rule is None:
            continue
        bounds = outlier_bounds(df, work[c], rule)
        if bounds is None:
            print("segscope job: outlier rule on %s skipped (zero spread)" % c, file=sys.stderr)
            continue
        lo, hi = bounds
        if rule[2] == "clip":
            df = df.withColumn(work[c], F.least(F.greatest(q(work[c]), F.lit(lo)), F.lit(hi)))
        elif rule[2] == "remove":
            df = df.where(q(work[c]).between(lo, hi))
    return df


def transforms(df, work, numeric):
    for c in numeric:
        t = TRANSFORMS.get(c)
        if t is None:
            continue
        if t[0] == "log1p":
            low = df.agg(F.min(q(work[c]))).first()[0]
            shift = 0.0
            if low is not None and low < 0:
                if t[1] == "skip":
                    print("segscope job: log1p on %s skipped (negative values)" % c, file=sys.stderr)
                    continue
                shift = -low
            df = df.withColumn(work[c], F.expr("log1p(greatest(`%s` + %r, 0D))" % (work[c], shift)))
        elif t[0] == "quantile_bins":
            binned = build_binner(work[c], work[c] + "_b", t[1]).fit(df).transform(df)
            df = binned.drop(work[c]).withColumnRenamed(work[c] + "_b", work[c])
    return df


def group_levels(df, col):
    """One-hot levels as segscope keeps them: rare ones (share < MIN_SHARE) and those past MAX_COLUMNS -> other."""
    rows = df.groupBy(q(col).alias("v")).count().collect()
    total = sum(r["count"] for r in rows)
    kept = sorted([(r["v"], r["count"]) for r in rows if r["count"] >= MIN_SHARE * total], key=lambda x: x[0])
    grouped = len(kept) < len(rows)
    if len(kept) + (1 if grouped else 0) > MAX_COLUMNS:
        kept = sorted(kept, key=lambda x: x[1], reverse=True)[: max(MAX_COLUMNS - 1, 0)]
        grouped = True
    return {v for v, _ in kept}, grouped


def encode(df, work, categorical):
    """Categorical features as numbers; returns the frame and the encoded column names (vectors or codes)."""
    out = []
    for c in categorical:
        e = ENCODE_COLUMNS.get(c, ENCODE_DEFAULT)
        w = work[c]
        if e[0] == "ordinal" and isinstance(e[1], list):
            top = most_frequent(df, q(w))
            codes = F.create_map(*[F.lit(x) for i, level in enumerate(e[1]) for x in (level, float(i))])
            fallback = float(e[1].index(top)) if top in e[1] else 0.0
            df = df.withColumn(w + "_e", F.coalesce(codes[q(w)], F.lit(fallback)))
        elif e[0] == "ordinal":
            order = "frequencyDesc" if e[1] == "frequency" else "alphabetAsc"
            df = build_indexer(w, w + "_e", order).fit(df).transform(df)
        else:
            kept, grouped = group_levels(df, w)
            if grouped:
                df = df.withColumn(w, F.when(q(w).isin(list(kept)), q(w)).otherwise(F.lit("other")))
            df = build_indexer(w, w + "_i", "alphabetAsc").fit(df).transform(df)
            df = build_one_hot(w + "_i", w + "_e").fit(df).transform(df)
        out.append(w + "_e")
    return df, out


def feature_matrix(df, to_scale, unscaled):
    """Assembles and scales the features into the vector column `features`."""
    parts = list(unscaled)
    if to_scale:
        df = VectorAssembler(inputCols=to_scale, outputCol="__to_scale", handleInvalid="keep").transform(df)
        scaler = build_scaler("__to_scale", "__scaled")
        if scaler is None:
            parts = ["__to_scale"] + parts
        else:
            df = scaler.fit(df).transform(df)
            parts = ["__scaled"] + parts
    return VectorAssembler(inputCols=parts, outputCol="features", handleInvalid="keep").transform(df)


def renumber(pred):
    """Segments 0, 1, ... by decreasing size (ties by the algorithm's own label), as segscope numbers them."""
    sizes = sorted(pred.groupBy("prediction").count().collect(), key=lambda r: (-r["count"], r["prediction"]))
    # segments count from 1 (1 = the largest), as in segscope's own files
    mapping = F.create_map(*[F.lit(x) for s, r in enumerate(sizes) for x in (int(r["prediction"]), s + 1)])
    return pred.withColumn("segment", mapping[F.col("prediction")].cast("int")), [r["count"] for r in sizes]


def fit_mixture_from_kmeans(spark, x, seed, n_rows):
    """Labels of a Gaussian mixture started, as segscope starts it, from k-means: weights, means and (diagonal)
    variances of the k-means segments seed MLlib's EM (pyspark.mllib takes an initial model; pyspark.ml does not).
    None when k-means leaves a component empty (the caller then uses build_clustering's random start)."""
    from pyspark.mllib.clustering import GaussianMixture as EM
    from pyspark.mllib.linalg import DenseMatrix as MDenseMatrix
    from pyspark.mllib.linalg import Vectors as MVectors

    k = MIXTURE["k"]
    km = KMeans(featuresCol="features", predictionCol="prediction", k=k, seed=seed, maxIter=100).fit(x)
    groups = km.transform(x).groupBy("prediction").agg(
        Summarizer.mean(F.col("features")).alias("m"), Summarizer.variance(F.col("features")).alias("v"),
        F.count(F.lit(1)).alias("n")).collect()
    if len(groups) != k:
        return None

    class Component:
        def __init__(self, mu, sigma):
            self.mu, self.sigma = mu, sigma

    class Start:
        pass

    start = Start()
    start.k = k
    start.weights = [g["n"] / float(n_rows) for g in groups]
    start.gaussians = []
    for g in groups:
        d = len(g["m"])
        var = [float(v) + MIXTURE["reg_covar"] for v in g["v"].toArray()]
        diag = [var[i] if i == j else 0.0 for j in range(d) for i in range(d)]
        start.gaussians.append(Component(MVectors.dense(g["m"].toArray()), MDenseMatrix(d, d, diag)))
    rows = x.select(ROW_ID, "features").rdd
    vectors = rows.map(lambda r: MVectors.fromML(r[1]))
    model = EM.train(vectors, k, MIXTURE["tol"] * n_rows, MIXTURE["max_iter"], seed, start)
    labels = rows.map(lambda r: r[0]).zip(model.predict(vectors).map(int))
    return spark.createDataFrame(labels, [ROW_ID, "prediction"])


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if UNSUPPORTED is not None:
        raise SystemExit("segscope job: " + UNSUPPORTED)
    builder = SparkSession.builder.appName("segscope").config("spark.ui.showConsoleProgress", "false")
    if args.master:
        builder = builder.master(args.master)
        if args.master.startswith("local"):
            builder = builder.config("spark.sql.shuffle.partitions", "8")
    spark = builder.getOrCreate()
    df, fmt = read_input(spark, args)
    originals = df.columns
    df = df.withColumn(ROW_ID, F.monotonically_increasing_id()).cache()
    n_rows = df.count()
    kinds, skipped = select_features(df, n_rows)
    for c, why in skipped:
        print("segscope job: column %s is not a feature (%s)" % (c, why), file=sys.stderr)
    names = [c for cols in kinds.values() for c in cols]
    if not names:
        raise SystemExit("segscope job: no feature columns")
    work = {c: "__f%d" % i for i, c in enumerate(names)}
    cast = {"numeric": "double", "boolean": "double", "categorical": "string"}
    cols = [ROW_ID]
    for k, cs in kinds.items():
        for c in cs:
            if k == "date":
                cols.append((F.unix_timestamp(q(c).cast("timestamp")) / 86400.0).alias(work[c]))
            else:
                cols.append(q(c).cast(cast[k]).alias(work[c]))
    x = df.select(*cols)
    x, indicators = impute(x, work, kinds)
    for c in kinds["date"]:
        origin = x.agg(F.min(q(work[c]))).first()[0] or 0.0
        x = x.withColumn(work[c], q(work[c]) - F.lit(origin))
    x = outliers(x, work, kinds["numeric"])
    x = transforms(x, work, kinds["numeric"])
    x, encoded = encode(x, work, kinds["categorical"])
    to_scale = [work[c] for c in kinds["numeric"] + kinds["date"]]
    extra = [work[c] for c in kinds["boolean"]] + encoded + indicators
    if SCALE_ENCODED:
        to_scale, extra = to_scale + extra, []
    x = feature_matrix(x, to_scale, extra).select(ROW_ID, "features").cache()
    mean_variance = 0.0
    variances = x.select(Summarizer.variance(F.col("features")).alias("v")).first()["v"]
    if variances is not None and len(variances) > 0:
        mean_variance = float(sum(variances)) / len(variances)
    n_fit = x.count()
    started = None if MIXTURE is None else fit_mixture_from_kmeans(spark, x, SEED, n_fit)
    best = None if started is None else (0.0, None)
    for i in range(RESTARTS if started is None else 0):
        seed = (SEED + i + 2 ** 63) % 2 ** 64 - 2 ** 63
        model = build_clustering("features", mean_variance, seed, n_fit).fit(x)
        if RESTARTS == 1:
            score = 0.0
        elif hasattr(model.summary, "logLikelihood"):
            score = model.summary.logLikelihood
        else:
            score = -model.summary.trainingCost
        if best is None or score > best[0]:
            best = (score, model)
    pred, sizes = renumber(started if started is not None else best[1].transform(x))
    labeled = df.join(pred.select(ROW_ID, "segment"), ROW_ID, "left").orderBy(ROW_ID).select(*originals, "segment")
    if args.single_file:
        labeled = labeled.coalesce(1)
    out_fmt = args.output_format or fmt
    writer = labeled.write.mode("overwrite")
    if out_fmt == "csv":
        writer.option("header", "true").csv(args.output)
    else:
        writer.parquet(args.output)
    print("segscope job: %d rows, %d clustered, segment sizes %s -> %s (%s)"
          % (n_rows, sum(sizes), sizes, args.output, out_fmt))
    spark.stop()


if __name__ == "__main__":
    main()
