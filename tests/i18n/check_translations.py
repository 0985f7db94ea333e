#!/usr/bin/env python3
"""Fails when a user-visible string of the GUI has no translation, or when a translation file
holds entries the code no longer has.

lupdate runs on the sources into a temporary copy of each resources/translations/*.ts (the
committed file is not touched): new strings show up there as unfinished. The fix in both cases
is scripts/update-translations.sh, then translating what it marks unfinished.

    check_translations.py LUPDATE SOURCE_DIR
"""
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

# Keep in step with scripts/update-translations.sh and resources/CMakeLists.txt.
SOURCES = ["ui", "models", "app/main_gui.cpp"]
PLACEHOLDER = re.compile(r"%(?:n|L?\d+)")


def messages(ts_path):
    """{(context, source, comment): [translations]} with [] for an unfinished entry."""
    out = {}
    for context in ET.parse(ts_path).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            key = (name, message.findtext("source"), message.findtext("comment") or "")
            translation = message.find("translation")
            kind = translation.get("type")
            if kind in ("unfinished", "vanished", "obsolete"):
                out[key] = [] if kind == "unfinished" else None
                continue
            forms = [f.text or "" for f in translation.iter("numerusform")]
            forms = forms or [translation.text or ""]
            out[key] = forms if all(forms) else []
    return out


def main():
    lupdate, source_dir = sys.argv[1], pathlib.Path(sys.argv[2])
    failures = 0
    for ts in sorted((source_dir / "resources" / "translations").glob("refunddesk_*.ts")):
        committed = messages(ts)
        with tempfile.TemporaryDirectory() as tmp:
            fresh_ts = pathlib.Path(tmp) / ts.name
            shutil.copy(ts, fresh_ts)
            # English holds only the plural forms of the %n strings (the source is English).
            plural_only = ["-pluralonly"] if ts.name.endswith("_en.ts") else []
            subprocess.run([lupdate, "-no-obsolete", "-locations", "none", *plural_only,
                            *SOURCES, "-ts", str(fresh_ts)], cwd=source_dir, check=True,
                           stdout=subprocess.DEVNULL)
            fresh = messages(fresh_ts)
        untranslated = [k for k, v in fresh.items() if not v]
        vanished = [k for k in committed if k not in fresh]
        wrong = []
        for key, forms in fresh.items():
            for form in forms or []:
                # Every %1, %2, %n of the source must survive: a lost one drops an amount.
                if sorted(set(PLACEHOLDER.findall(key[1]))) != sorted(set(PLACEHOLDER.findall(form))):
                    wrong.append((key, form))
        print(f"{ts.name}: {len(fresh)} strings, {len(untranslated)} untranslated, "
              f"{len(vanished)} no longer in the code, {len(wrong)} with wrong placeholders")
        for context, source, _ in untranslated:
            print(f"  untranslated  [{context}] {source!r}")
        for context, source, _ in vanished:
            print(f"  not in code   [{context}] {source!r}")
        for (context, source, _), form in wrong:
            print(f"  placeholders  [{context}] {source!r} -> {form!r}")
        failures += len(untranslated) + len(vanished) + len(wrong)
    if failures:
        print("Run scripts/update-translations.sh and translate the entries marked unfinished.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
