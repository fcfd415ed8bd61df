#!/usr/bin/env bash
# Regenerate static/vendor/ and static/fonts/ from pinned upstream packages so
# the site never loads anything from a CDN.
#
#   bash scripts/vendor_static.sh
#
# Needs: node + npm (registry access), tar, and Debian's fonts-liberation2
# (apt-get install -y fonts-liberation2). Idempotent: running it twice gives
# the same tree. The result is committed, so CI does not need npm.
#
# To upgrade a package: change its version AND its integrity below (get both
# with `npm view PKG@VERSION version dist.integrity`), re-run, and commit.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENDOR="$ROOT/static/vendor"
FONTS="$ROOT/static/fonts"
LIBERATION_DIR="${LIBERATION_DIR:-/usr/share/fonts/truetype/liberation2}"
LIBERATION_COPYRIGHT="${LIBERATION_COPYRIGHT:-/usr/share/doc/fonts-liberation2/copyright}"

# name|version|sha512 integrity of the npm tarball|licence
PACKAGES=(
  "bootstrap|5.3.9|sha512-20cU0rcfw8WdxtVbmfU+xT2EjvVTw9Ror/h1Qvd7DXCujRg8OO9mdBCsmTHdJFf3BuadmBNJtgIuUXsBqSkk/w==|MIT"
  "bootstrap-icons|1.13.2|sha512-fAU1Ly3dH7hwRg+CB8EZ0Vl0fF80zgXHeUVJyfUOKzoURr+TbwISbCW5tKUoQLERaWYG2emTCybcPbD96hdD1A==|MIT"
  "htmx.org|2.0.11|sha512-Thx/WtpeOQqSrqBCw/A1cwGJGg4UrVa3+sW0GmrM3p4gJgO89ecH4qtbnyzDDWFvBTqjnIMCgELTNt636dtamA==|0BSD"
  "chart.js|4.6.1|sha512-hJyniucsFmq//EvXYvJ6c6mahPoI3kaxdjVH8awTaJ/fDNWeSqqqArixMJWkWNN6fcYvPU3HneSANFNYtRi61g==|MIT"
  # Tests only (tests/browser/test_accessibility.py injects it); no template may load it.
  "axe-core|4.14.1|sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==|MPL-2.0"
)

die() { echo "vendor_static.sh: ERROR: $*" >&2; exit 1; }

command -v npm >/dev/null || die "npm not found (install node 20 + npm)"
command -v node >/dev/null || die "node not found"
[ -d "$LIBERATION_DIR" ] || die "$LIBERATION_DIR not found: run 'apt-get install -y fonts-liberation2' first"
for style in Regular Bold Italic BoldItalic; do
  [ -f "$LIBERATION_DIR/LiberationSerif-$style.ttf" ] \
    || die "$LIBERATION_DIR/LiberationSerif-$style.ttf missing (reinstall fonts-liberation2)"
done
[ -f "$LIBERATION_COPYRIGHT" ] || die "$LIBERATION_COPYRIGHT missing (reinstall fonts-liberation2)"

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# --- fetch + verify + unpack each tarball into $TMP/<name>/ -----------------
for entry in "${PACKAGES[@]}"; do
  IFS='|' read -r name version integrity _licence <<<"$entry"
  echo "fetching $name@$version"
  mkdir -p "$TMP/tgz" "$TMP/$name"
  tgz_name="$(cd "$TMP/tgz" && npm pack --silent --ignore-scripts "$name@$version" 2>/dev/null | tail -n 1)"
  tgz="$TMP/tgz/$tgz_name"
  [ -f "$tgz" ] || die "npm pack $name@$version produced no tarball"
  actual="sha512-$(node -e 'const c=require("crypto"),f=require("fs");process.stdout.write(c.createHash("sha512").update(f.readFileSync(process.argv[1])).digest("base64"))' "$tgz")"
  [ "$actual" = "$integrity" ] || die "integrity mismatch for $name@$version: got $actual, expected $integrity"
  tar -xzf "$tgz" -C "$TMP/$name" --strip-components=1
done

# --- copy into the repo -----------------------------------------------------
rm -rf "$VENDOR/bootstrap" "$VENDOR/bootstrap-icons" "$VENDOR/htmx" "$VENDOR/chartjs" "$VENDOR/axe-core"
mkdir -p "$VENDOR/bootstrap" "$VENDOR/bootstrap-icons/fonts" "$VENDOR/htmx" "$VENDOR/chartjs" "$VENDOR/axe-core" "$FONTS"

P="$TMP/bootstrap"
install -m 0644 "$P/dist/css/bootstrap.min.css"      "$VENDOR/bootstrap/bootstrap.min.css"
install -m 0644 "$P/dist/js/bootstrap.bundle.min.js" "$VENDOR/bootstrap/bootstrap.bundle.min.js"
install -m 0644 "$P/LICENSE"                         "$VENDOR/bootstrap/LICENSE"

P="$TMP/bootstrap-icons"
install -m 0644 "$P/font/bootstrap-icons.min.css"         "$VENDOR/bootstrap-icons/bootstrap-icons.min.css"
install -m 0644 "$P/font/fonts/bootstrap-icons.woff2"     "$VENDOR/bootstrap-icons/fonts/bootstrap-icons.woff2"
install -m 0644 "$P/font/fonts/bootstrap-icons.woff"      "$VENDOR/bootstrap-icons/fonts/bootstrap-icons.woff"
install -m 0644 "$P/LICENSE"                              "$VENDOR/bootstrap-icons/LICENSE"

P="$TMP/htmx.org"
install -m 0644 "$P/dist/htmx.min.js" "$VENDOR/htmx/htmx.min.js"
install -m 0644 "$P/LICENSE"          "$VENDOR/htmx/LICENSE"

P="$TMP/chart.js"
install -m 0644 "$P/dist/chart.umd.min.js" "$VENDOR/chartjs/chart.umd.min.js"
install -m 0644 "$P/LICENSE.md"            "$VENDOR/chartjs/LICENSE"

# axe-core's minified build keeps its MPL-2.0 header; its bundled MIT/other
# dependencies are listed in LICENSE-3RD-PARTY.txt.
P="$TMP/axe-core"
install -m 0644 "$P/axe.min.js"             "$VENDOR/axe-core/axe.min.js"
install -m 0644 "$P/LICENSE"                "$VENDOR/axe-core/LICENSE"
install -m 0644 "$P/LICENSE-3RD-PARTY.txt"  "$VENDOR/axe-core/LICENSE-3RD-PARTY.txt"

# Strip source-map references: the .map files are not vendored and WhiteNoise's
# CompressedManifestStaticFilesStorage fails on references to missing files.
for f in "$VENDOR"/bootstrap/*.css "$VENDOR"/bootstrap/*.js \
         "$VENDOR"/bootstrap-icons/*.css "$VENDOR"/htmx/*.js "$VENDOR"/chartjs/*.js \
         "$VENDOR"/axe-core/*.js; do
  sed -i -E \
    -e '/^[[:space:]]*\/\/[#@] sourceMappingURL=.*$/d' \
    -e '/^[[:space:]]*\/\*[#@] sourceMappingURL=.*\*\/[[:space:]]*$/d' \
    "$f"
  if grep -q 'sourceMappingURL' "$f"; then
    die "$f still mentions sourceMappingURL after stripping"
  fi
done

# bootstrap-icons must reference its fonts relatively (fonts/ next to the css).
css="$VENDOR/bootstrap-icons/bootstrap-icons.min.css"
grep -q 'url("fonts/bootstrap-icons.woff2' "$css" || die "unexpected font url in $css"
grep -q 'url("fonts/bootstrap-icons.woff?' "$css"  || die "unexpected font url in $css"

# --- Liberation Serif (SIL OFL 1.1), covers Vietnamese ---------------------
for style in Regular Bold Italic BoldItalic; do
  install -m 0644 "$LIBERATION_DIR/LiberationSerif-$style.ttf" "$FONTS/LiberationSerif-$style.ttf"
done
# Licence text: the "Files: *" stanza of Debian's copyright file, un-indented
# (Debian's " ." lines are blank lines; its mangled em dashes are restored).
{
  echo "Liberation Serif (LiberationSerif-Regular/Bold/Italic/BoldItalic.ttf)"
  echo "Taken from Debian package fonts-liberation2 ($(dpkg-query -W -f='${Version}' fonts-liberation2 2>/dev/null || echo unknown))."
  echo
  awk '
    /^Files: \*$/ { in_s = 1; next }
    in_s && /^Files:/ { exit }
    in_s && /^Copyright:/ { print "Copyright:"; next }
    in_s && /^License:/ { sub(/^License: */, ""); print "License: " $0; next }
    in_s && /^ \.$/ { print ""; next }
    in_s && /^ / { sub(/^ /, ""); print; next }
    in_s && /^$/ { exit }
  ' "$LIBERATION_COPYRIGHT" \
    | sed -e 's/substituting ? in part or in whole ?/substituting -- in part or in whole --/'
} > "$FONTS/LICENSE-LiberationSerif.txt"
grep -q 'SIL OPEN FONT LICENSE Version 1.1' "$FONTS/LICENSE-LiberationSerif.txt" \
  || die "could not extract the SIL OFL 1.1 text from $LIBERATION_COPYRIGHT"

# --- README -----------------------------------------------------------------
{
  echo "# Vendored front-end assets"
  echo
  echo "Generated by \`scripts/vendor_static.sh\` - do not edit by hand; change the"
  echo "pinned versions in that script and re-run it to regenerate this folder"
  echo "(and \`static/fonts/\`). Nothing is loaded from a CDN."
  echo
  echo "| Folder | npm package | Version | Licence | Files |"
  echo "| --- | --- | --- | --- | --- |"
  for entry in "${PACKAGES[@]}"; do
    IFS='|' read -r name version _integrity licence <<<"$entry"
    case "$name" in
      bootstrap)       dir=bootstrap;       files="bootstrap.min.css, bootstrap.bundle.min.js (includes Popper, MIT)" ;;
      bootstrap-icons) dir=bootstrap-icons; files="bootstrap-icons.min.css, fonts/bootstrap-icons.woff2, fonts/bootstrap-icons.woff" ;;
      htmx.org)        dir=htmx;            files="htmx.min.js" ;;
      chart.js)        dir=chartjs;         files="chart.umd.min.js (includes @kurkle/color, MIT)" ;;
      axe-core)        dir=axe-core;        files="axe.min.js, LICENSE-3RD-PARTY.txt (bundled dependencies); used by the browser tests only, never by a page" ;;
    esac
    echo "| \`$dir/\` | $name | $version | $licence (\`$dir/LICENSE\`) | $files |"
  done
  echo
  echo "Fonts in \`static/fonts/\`: Liberation Serif Regular/Bold/Italic/BoldItalic"
  echo "(TTF, covers Vietnamese), from Debian package fonts-liberation2"
  echo "($(dpkg-query -W -f='${Version}' fonts-liberation2 2>/dev/null || echo unknown)), SIL Open Font License 1.1"
  echo "(\`static/fonts/LICENSE-LiberationSerif.txt\`)."
  echo
  echo "Trailing source-map comments are stripped from the copied files because the"
  echo ".map files are not vendored (WhiteNoise's manifest storage would fail on them)."
} > "$VENDOR/README.md"

echo "vendored into $VENDOR and $FONTS"
