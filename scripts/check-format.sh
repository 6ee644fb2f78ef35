#!/usr/bin/env bash
# Checks that every tracked C++ file follows .clang-format; lists those that
# do not. Fix them with: clang-format -i <file>
#
# Usage: bash scripts/check-format.sh
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
mapfile -t files < <(git ls-files '*.cpp' '*.hpp' '*.hpp.in')
unformatted=()
for file in "${files[@]}"; do
    if ! clang-format --dry-run --Werror "$file" >/dev/null 2>&1; then
        unformatted+=("$file")
    fi
done
if [[ ${#unformatted[@]} -gt 0 ]]; then
    echo "check-format: ${#unformatted[@]} of ${#files[@]} files differ from .clang-format:"
    printf '  %s\n' "${unformatted[@]}"
    exit 1
fi
echo "check-format: all ${#files[@]} files follow .clang-format"
