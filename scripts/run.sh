#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The main job on the embedded default model: build the tool, parse every
# embedded model, check every example under examples/ (.configs, a
# defconfig and a fragment, each with its "# check-args:"; the reports are the
# point, so findings do not fail the job), and write the default model's JSON
# to build/model.json.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh build
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build build/release -j"$(nproc)" >/dev/null
bin=build/release/vfio-kconfig-check
for dir in kconfig/*/; do
	model=$(basename "$dir")
	printf '%-14s ' "$model"
	"$bin" parse --model "$model"
done
for cfg in examples/*.config examples/*defconfig examples/*.fragment; do
	read -r -a args <<<"$(sed -n 's/^# check-args: //p' "$cfg")"
	"$bin" check --exit-zero "${args[@]}" "$cfg"
done
"$bin" dump -o build/model.json
echo "wrote build/model.json ($(wc -c <build/model.json) bytes)"
