"""Reference values for the assignment audit (Tests/WorkbenchTests/Audit).

Needs: mmh3 (MurmurHash3, C implementation by the mmh3 maintainers) and growthbook (the
GrowthBook Python SDK: gbhash, getBucketRanges, chooseVariation); hashlib for SHA-256, SHA-1
and MD5. Install: /work/venv/bin/pip install mmh3 growthbook
Run from this folder: /work/venv/bin/python make_fixtures.py  (seeded, re-runnable)

Writes:
  murmur3-vectors.json  mmh3.hash(text, seed, signed=False) for texts of 0..13 bytes, non-ASCII
                        text and several seeds.
  scheme-vectors.json   per scheme: unit, experiment, bucket, expected variant (or null) computed
                        with the services' published rules (bucketing.md) by the peers above.
  exposures.csv         200 units in two experiments logged by the sha256-mod100 rule, with a few
                        rows flipped to the other variant, duplicates, an unknown variant name
                        and a unit logged in both variants.
  exposures-expected.json  what the audit must report on exposures.csv.
"""
import hashlib
import json
import random

import mmh3
from growthbook.core import chooseVariation, gbhash, getBucketRanges

random.seed(20261121)

# --- MurmurHash3 x86_32 -------------------------------------------------------------------
texts = ["", "a", "ab", "abc", "abcd", "abcde", "hello", "hello, world", "The quick brown fox",
         "feature_x:user-123", "Straße", "日本語のユーザー", "😀 emoji"]
texts += ["".join(random.choice("abcdefghijklmnopqrstuvwxyz0123456789:-_") for _ in range(n)) for n in range(1, 14)]
seeds = [0, 1, 42, 86028157, 0xFFFFFFFF]
murmur = [{"text": t, "seed": s, "hash": mmh3.hash(t.encode("utf-8"), s, signed=False)} for t in texts for s in seeds]
with open("murmur3-vectors.json", "w") as f:
    json.dump(murmur, f, indent=1, ensure_ascii=False)


# --- Schemes --------------------------------------------------------------------------------
def hex_prefix(digest_hex, digits):
    return int(digest_hex[:digits], 16)


def first_cumulative(position, weights):
    total = sum(weights)
    cumulative = 0.0
    for i, w in enumerate(weights):
        cumulative += w / total
        if position < cumulative:
            return i
    return None


def reference(unit, experiment, variants, weights):
    bucket = hex_prefix(hashlib.sha256(f"{experiment}:{unit}".encode()).hexdigest(), 8) % 100
    index = first_cumulative(bucket / 100, weights)
    return bucket, index


def growthbook(unit, experiment, variants, weights, version, seed, coverage):
    n = gbhash(seed if seed is not None else experiment, unit, version)
    total = sum(weights)
    index = chooseVariation(n, getBucketRanges(len(variants), coverage, [w / total for w in weights]))
    return n, (None if index < 0 else index)


def launchdarkly(unit, experiment, variants, weights, salt):
    bucket = hex_prefix(hashlib.sha1(f"{experiment}.{salt}.{unit}".encode()).hexdigest(), 15) / 0xFFFFFFFFFFFFFFF
    index = first_cumulative(bucket, weights)
    return bucket, (len(variants) - 1 if index is None else index)


def unleash(unit, experiment, variants, weights, rollout, variant_seed):
    rollout_bucket = mmh3.hash(f"{experiment}:{unit}".encode(), 0, signed=False) % 100 + 1
    if rollout_bucket > rollout:
        return rollout_bucket, None
    total = int(sum(weights))
    target = mmh3.hash(f"{experiment}:{unit}".encode(), variant_seed, signed=False) % total + 1
    counter = 0
    for i, w in enumerate(weights):
        if w == 0:
            continue
        counter += int(w)
        if counter >= target:
            return target, i
    return target, None


def eppo(unit, experiment, variants, weights, salt, shards):
    shard = hex_prefix(hashlib.md5(f"{salt}-{unit}".encode()).hexdigest(), 8) % shards
    # Contiguous shard ranges [start, end) in proportion to the weights.
    total = sum(weights)
    cumulative = 0.0
    for i, w in enumerate(weights):
        cumulative += w / total
        if shard < cumulative * shards:
            return shard, i
    return shard, None


units = [f"user_{i}" for i in range(60)] + ["u1", "user_123", "Zoë", "用户7", "😀x"]
experiments = ["checkout_upsell", "1", "new-search"]
configs = [
    {"name": "reference", "hash": "sha256-mod100", "variants": ["A", "B"], "weights": [1, 1],
     "rule": lambda u, e: reference(u, e, ["A", "B"], [1, 1])},
    {"name": "reference-3way", "hash": "sha256-mod100", "variants": ["c", "t1", "t2"], "weights": [20, 30, 50],
     "rule": lambda u, e: reference(u, e, None, [20, 30, 50])},
    {"name": "growthbook-v1", "hash": "growthbook-v1", "variants": ["control", "treatment"], "weights": [0.5, 0.5],
     "coverage": 1.0, "rule": lambda u, e: growthbook(u, e, [0, 1], [0.5, 0.5], 1, None, 1.0)},
    {"name": "growthbook-v2-coverage", "hash": "growthbook-v2", "variants": ["a", "b", "c"], "weights": [0.2, 0.3, 0.5],
     "coverage": 0.8, "seed": "spring-sale",
     "rule": lambda u, e: growthbook(u, e, [0, 1, 2], [0.2, 0.3, 0.5], 2, "spring-sale", 0.8)},
    {"name": "launchdarkly", "hash": "launchdarkly", "variants": ["off", "on"], "weights": [60000, 40000],
     "salt": "f0a1b2c3", "rule": lambda u, e: launchdarkly(u, e, [0, 1], [60000, 40000], "f0a1b2c3")},
    {"name": "unleash", "hash": "unleash", "variants": ["blue", "red", "green"], "weights": [333, 333, 334],
     "rollout": 70.0, "variant_seed": 86028157,
     "rule": lambda u, e: unleash(u, e, [0, 1, 2], [333, 333, 334], 70.0, 86028157)},
    {"name": "unleash-seed0", "hash": "unleash", "variants": ["x", "y"], "weights": [500, 500],
     "rollout": 100.0, "variant_seed": 0,
     "rule": lambda u, e: unleash(u, e, [0, 1], [500, 500], 100.0, 0)},
    {"name": "eppo", "hash": "eppo", "variants": ["control", "variant"], "weights": [1, 1],
     "salt": "exp-salt", "total_shards": 10000,
     "rule": lambda u, e: eppo(u, e, [0, 1], [1, 1], "exp-salt", 10000)},
]
output = []
for config in configs:
    rule = config.pop("rule")
    cases = []
    for e in experiments:
        for u in units:
            bucket, index = rule(u, e)
            cases.append({"unit": u, "experiment": e, "bucket": bucket,
                          "variant": None if index is None else config["variants"][index]})
    config["cases"] = cases
    output.append(config)
with open("scheme-vectors.json", "w") as f:
    json.dump(output, f, separators=(",", ":"), ensure_ascii=False)

# --- A generated exposures file ----------------------------------------------------------------
rows = []
flipped = {}
for experiment in ["checkout_upsell", "new-search"]:
    chosen = set(random.sample(range(100), 3))
    for i in range(100):
        unit = f"user_{i}"
        bucket, index = reference(unit, experiment, ["A", "B"], [1, 1])
        logged = "AB"[index]
        if i in chosen:
            logged = "AB"[1 - index]
            flipped.setdefault(experiment, []).append({"unit": unit, "logged_variant": logged,
                                                       "expected_variant": "AB"[index], "bucket": bucket})
        for _ in range(1 + (i % 3 == 0)):  # every third unit exposed twice
            rows.append((unit, experiment, logged))
# One unknown variant name and one unit logged in both variants.
rows.append(("user_900", "checkout_upsell", "holdout"))
rows.append(("user_901", "checkout_upsell", "A"))
rows.append(("user_901", "checkout_upsell", "B"))
with open("exposures.csv", "w") as f:
    f.write("timestamp,unit_id,experiment,variant\n")
    for n, (unit, experiment, variant) in enumerate(rows):
        f.write(f"2026-01-05T12:{n // 60 % 60:02d}:{n % 60:02d}Z,{unit},{experiment},{variant}\n")
with open("exposures-expected.json", "w") as f:
    json.dump({"rows": len(rows), "flipped": flipped}, f, indent=1)
