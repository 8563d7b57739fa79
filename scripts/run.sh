#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The main job on the embedded default model: build the tool, parse every
# embedded model, and write the default model's JSON to build/model.json.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh build
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
bin=build/vfio-kconfig-check
for dir in kconfig/*/; do
	model=$(basename "$dir")
	printf '%-14s ' "$model"
	"$bin" parse --model "$model"
done
"$bin" dump -o build/model.json
echo "wrote build/model.json ($(wc -c <build/model.json) bytes)"
