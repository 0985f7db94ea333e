#!/usr/bin/env bash
# Brings resources/translations/*.ts up to date with the GUI's sources: new strings are added as
# unfinished (translate them with linguist or in the file), strings gone from the code are
# dropped. Run it after merging branches that add or change user-visible text; the
# tst_translations test fails until every string is translated.
set -euo pipefail
cd "$(dirname "$0")/.."
lupdate=/usr/lib/qt6/bin/lupdate
[ -x "$lupdate" ] || lupdate=$(command -v lupdate)
# Keep these sources and options in step with resources/CMakeLists.txt.
for ts in resources/translations/refunddesk_*.ts; do
    # English holds only the plural forms of the %n strings ("1 account", "5 accounts").
    plural_only=""
    case "$ts" in *_en.ts) plural_only=-pluralonly ;; esac
    "$lupdate" -no-obsolete -locations none $plural_only ui models app/main_gui.cpp -ts "$ts"
done
