#!/usr/bin/env bash
# Runs every cargo-fuzz target of fuzz/ for a bounded time each, seeded from
# corpora/, tests/fixtures/, glossaries/, rules/ and (when present)
# ../shared/corpus and ../shared/seeds.
#
#   scripts/fuzz.sh                      # every target, 60 s each
#   FUZZ_SECONDS=3600 scripts/fuzz.sh pdf html   # chosen targets, an hour each
#   FUZZ_JOBS=2 scripts/fuzz.sh          # two targets at a time
#   FUZZ_SANITIZER=none scripts/fuzz.sh  # no AddressSanitizer: builds in about
#                                        # 5.5 min instead of 8 (CI's short runs)
#
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
# The inputs each run adds stay in fuzz/corpus/<target>/ (not committed), so
# later runs start where earlier ones stopped. Logs go to fuzz/logs/.
# Exit status: 0 when no target found a crash, 1 when one did (its input is
# in fuzz/artifacts/<target>/: shrink it with `cargo +nightly fuzz tmin`, fix
# the bug and keep the input in tests/fixtures/fuzz/<target>/), 2 when the
# targets cannot be built.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
seconds=${FUZZ_SECONDS:-60}
sanitizer=${FUZZ_SANITIZER:-address}
parallel=${FUZZ_JOBS:-1}
all_targets=(docx pdf pdf_images html text doc rtf xls xlsx_ods glossary srx document warc bilingual qa facts)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all_targets[@]}")

# The file extensions that seed each target, and its dictionary.
seed_extensions() {
    case $1 in
        docx) echo "docx" ;;
        pdf | pdf_images) echo "pdf" ;;
        html) echo "html htm" ;;
        text | facts) echo "txt" ;;
        doc) echo "doc" ;;
        rtf) echo "rtf" ;;
        xls) echo "xls" ;;
        xlsx_ods) echo "xlsx ods" ;;
        glossary) echo "tsv csv tbx" ;;
        srx) echo "srx" ;;
        document) echo "docx pdf html txt doc rtf xls xlsx ods" ;;
        warc) echo "warc gz" ;;
        bilingual) echo "xlf xliff tmx" ;;
        qa) ;; # made from tests/fixtures/qa/units.tsv by prepare_seeds
    esac
}
dictionary() {
    case $1 in
        docx | xlsx_ods | bilingual) echo "fuzz/dict/xml.dict" ;;
        html) echo "fuzz/dict/html.dict" ;;
        pdf | pdf_images | document) echo "fuzz/dict/pdf.dict" ;;
        glossary) echo "fuzz/dict/glossary.dict" ;;
        srx) echo "fuzz/dict/srx.dict" ;;
        warc) echo "fuzz/dict/warc.dict" ;;
        facts) echo "fuzz/dict/facts.dict" ;;
    esac
}

# The longest input libFuzzer makes: PDF and HTML inputs run slowly under
# the sanitizer, and their parsers are reached well within 64 KiB.
max_len() {
    case $1 in
        pdf | html | document) echo 65536 ;;
        pdf_images) echo 262144 ;; # scanned pages: one image is tens of KiB
        qa) echo 16384 ;;
        *) echo 262144 ;;
    esac
}

# Copies the seed files of a target (at most 1 MiB each: libFuzzer reads
# only the first -max_len bytes anyway) into fuzz/corpus/<target>/seeds.
prepare_seeds() {
    local target=$1 folder="fuzz/corpus/$1/seeds" sources=(corpora tests/fixtures glossaries rules)
    mkdir -p "$folder"
    [ -d ../shared/corpus ] && sources+=(../shared/corpus ../shared/seeds)
    if [ "$target" = qa ]; then
        # One seed per test-set unit: a byte choosing the language pair and
        # whether there is a target, the source, NUL, the target.
        python3 - "$folder" <<'PY'
import csv, sys
pairs = {("vi", "zh-CN"): 0, ("zh-CN", "vi"): 1, ("vi", "en"): 2}
with open("tests/fixtures/qa/units.tsv", encoding="utf-8", newline="") as f:
    for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
        choice = pairs.get((row["source_lang"], row["target_lang"]), 3)
        data = bytes([choice]) + row["source"].encode() + b"\0" + row["target"].encode()
        open(f"{sys.argv[1]}/{row['id']}", "wb").write(data)
PY
    fi
    for ext in $(seed_extensions "$target"); do
        find "${sources[@]}" -type f -iname "*.$ext" -size -1025k -print0 2>/dev/null |
            while IFS= read -r -d '' file; do
                cp -n "$file" "$folder/$(echo "$file" | tr '/' '_')"
            done
    done
}

if ! cargo +nightly --version >/dev/null 2>&1 || ! command -v cargo-fuzz >/dev/null; then
    echo "fuzz.sh: needs the nightly toolchain and cargo-fuzz (cargo install cargo-fuzz)" >&2
    exit 2
fi
for target in "${targets[@]}"; do
    (cd fuzz && cargo +nightly fuzz build -O -s "$sanitizer" "$target" >/dev/null 2>&1) || {
        echo "fuzz.sh: cannot build target $target" >&2
        exit 2
    }
done

mkdir -p fuzz/logs
run_target() {
    local target=$1 dict args
    prepare_seeds "$target"
    mkdir -p "fuzz/corpus/$target/found" "fuzz/artifacts/$target"
    # The timeout is wall-clock: a fuzzer at low priority on a busy machine
    # can take minutes over an input that takes 0.2 s natively.
    args=(-rss_limit_mb=2048 -timeout=120 -max_len="$(max_len "$target")" -max_total_time="$seconds"
        -print_final_stats=1 -artifact_prefix="$root/fuzz/artifacts/$target/")
    touch "fuzz/logs/$target.start"
    dict=$(dictionary "$target")
    [ -n "$dict" ] && args+=(-dict="$root/$dict")
    if (cd fuzz && cargo +nightly fuzz run -O -s "$sanitizer" "$target" \
        "corpus/$target/found" "corpus/$target/seeds" -- "${args[@]}") \
        >"fuzz/logs/$target.log" 2>&1; then
        echo "fuzz $target: ok, $(grep -ao 'stat::number_of_executed_units: [0-9]*' "fuzz/logs/$target.log" | grep -o '[0-9]*$') executions in ${seconds} s"
    elif [ -n "$(find "fuzz/artifacts/$target" -type f -newer "fuzz/logs/$target.start")" ]; then
        echo "fuzz $target: FOUND A CRASH, see fuzz/logs/$target.log and fuzz/artifacts/$target/"
        return 1
    else
        echo "fuzz $target: did not run, see fuzz/logs/$target.log"
        return 1
    fi
}

failed=0
running=0
for target in "${targets[@]}"; do
    run_target "$target" &
    running=$((running + 1))
    if [ "$running" -ge "$parallel" ]; then
        wait -n || failed=1
        running=$((running - 1))
    fi
done
while [ "$running" -gt 0 ]; do
    wait -n || failed=1
    running=$((running - 1))
done
exit $failed
