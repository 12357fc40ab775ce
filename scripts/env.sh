# Sourced by the scripts in this folder: the repo root and the PATH the tools are found on.
# Cargo tools (trunk, wasm-bindgen, wasm-bindgen-test-runner) live in ~/.cargo/bin;
# npm tools (wasm-opt from binaryen) live in .tools/ at the repo root (git-ignored).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
export PATH="$TOOLS/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
