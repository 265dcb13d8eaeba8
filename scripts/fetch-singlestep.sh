#!/bin/sh
# Copies the SingleStepTests suites into .cache/singlestep/ (git-ignored) for `npm run conformance`:
# 8086 (v1 JSON, plus the v1_binary MOO file of any opcode whose JSON is absent) and 80286 (v1_real_mode MOO).
# Source: a clone or bare mirror of github.com/SingleStepTests/8086 and /80286; by default the mirrors under
# /work/.mirror, else SINGLESTEP_8086 / SINGLESTEP_80286 (a git directory). A file the source lacks
# (a mirror may omit its largest objects) is skipped and named.  Usage: scripts/fetch-singlestep.sh [8086|80286]...
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cache="$root/.cache/singlestep"
suites=${*:-8086 80286}

copy() { # git-dir, path, destination file
  if git --git-dir="$1" cat-file -e "HEAD:$2" 2>/dev/null && git --git-dir="$1" show "HEAD:$2" > "$3" 2>/dev/null; then return 0; fi
  rm -f "$3"
  echo "fetch-singlestep: $2 is not in $1: skipped" >&2
  return 1
}

for suite in $suites; do
  case $suite in
    8086) src=${SINGLESTEP_8086:-/work/.mirror/SingleStepTests+8086/repo}; dirs="v1 v1_binary" ;;
    80286) src=${SINGLESTEP_80286:-/work/.mirror/SingleStepTests+80286/repo}; dirs="v1_real_mode" ;;
    *) echo "fetch-singlestep: unknown suite '$suite' (8086 or 80286)" >&2; exit 2 ;;
  esac
  [ -d "$src/.git" ] && src="$src/.git"
  if ! git --git-dir="$src" rev-parse -q --verify HEAD >/dev/null 2>&1; then
    echo "fetch-singlestep: no $suite suite at $src (set SINGLESTEP_$suite to a git directory)" >&2; exit 2
  fi
  out="$cache/$suite"
  rm -rf "$out"
  mkdir -p "$out"
  copy "$src" README.md "$out/README.md" || true
  for dir in $dirs; do
    git --git-dir="$src" ls-tree --name-only HEAD "$dir/" | while read -r path; do
      name=$(basename "$path")
      case $name in
        metadata.json) [ "$dir" = v1_binary ] || copy "$src" "$path" "$out/metadata.json" || true ;;
        *.MOO.gz)
          # The 8086 MOO files only fill in for an absent JSON file.
          base=${name%.MOO.gz}
          if [ "$suite" = 8086 ] && [ -s "$out/$base.json.gz" ]; then continue; fi
          copy "$src" "$path" "$out/$name" || true ;;
        *.json.gz) copy "$src" "$path" "$out/$name" || true ;;
      esac
    done
  done
  echo "fetch-singlestep: $suite: $(ls "$out" | grep -c gz) opcode files in $out"
done
