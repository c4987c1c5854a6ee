# Shared by the benchmark scripts: source it, then call
#   copy_until DIR COUNT FILE...
# to fill DIR with COUNT files taken round-robin from FILE..., each copy named
# NNNN-<original name> so that every path is distinct. Sets $n to the count.
copy_until() {
  local dir=$1 count=$2 f
  shift 2
  [ "$#" -gt 0 ] || { echo "copy_until: no source files" >&2; return 1; }
  n=0
  while [ "$n" -lt "$count" ]; do
    for f in "$@"; do
      n=$((n + 1)); cp "$f" "$dir/$(printf %04d "$n")-$(basename "$f")"
      [ "$n" -ge "$count" ] && break
    done
  done
}
