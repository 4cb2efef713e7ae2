"""How well the narrative checker does on real published texts (tests/data/real/).

    python bench/checker_quality.py [--verbose] [--json]

Runs ``check_narrative_text`` (what ``manage.py check_narrative`` runs) on each of the 38 texts
and compares its findings with the hand-checked keys of ``corpus.json``, with the matcher of
``tests/indicators/validation/corpus_keys.py`` (overlapping quotes and shared numbers):

- recall: hard errors of the keys reported as errors / all hard errors;
- precision: errors that match a hard error of the keys / all errors reported;
- false alarms on silent items: errors (and, apart, warnings) on relations the keys say hold;
- warnings of the keys reported (as warnings or errors), for information;
- the period: detected code = the key's period (null keys: no standard period invented).

Prints a line per text and the totals. Record the totals in docs/CHECKER.md.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc_portal.settings")
    import django

    django.setup()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list misses and false alarms")
    parser.add_argument("--json", action="store_true", help="print the totals as JSON")
    args = parser.parse_args()
    setup()
    from indicators.validation.engine import check_narrative_text
    from indicators.validation.period_detect import detect_text_period
    from tests.indicators.validation.corpus_keys import load_corpus, matches, score

    totals = {
        "texts": 0,
        "hard_errors": 0,
        "hard_found": 0,
        "errors_reported": 0,
        "errors_matching_a_hard_error": 0,
        "silent_items": 0,
        "errors_on_silent": 0,
        "warnings_on_silent": 0,
        "warnings_in_keys": 0,
        "warnings_reported": 0,
        "periods_in_keys": 0,
        "periods_right": 0,
        "null_periods_kept": 0,
        "null_periods": 0,
    }
    started = time.perf_counter()
    header = (
        f"{'text':<40} {'hard':>4} {'found':>5} {'errors':>6} {'false':>5} {'silent✗':>7} "
        f"{'period':>16}"
    )
    print(header)
    print("-" * len(header))
    for entry in load_corpus():
        findings = check_narrative_text(entry.text)
        result = score(entry, findings)
        detected = detect_text_period(entry.text)
        code = detected.code if detected is not None else None
        warned = sum(1 for item in entry.warnings if any(matches(entry, f, item) for f in findings))
        totals["texts"] += 1
        totals["hard_errors"] += len(entry.hard_errors)
        totals["hard_found"] += len(result.found)
        totals["errors_reported"] += len(result.errors)
        totals["errors_matching_a_hard_error"] += len(result.true_errors)
        totals["silent_items"] += len(entry.silent)
        totals["errors_on_silent"] += len(result.on_silent)
        totals["warnings_on_silent"] += len(result.warned_on_silent)
        totals["warnings_in_keys"] += len(entry.warnings)
        totals["warnings_reported"] += warned
        if entry.period:
            totals["periods_in_keys"] += 1
            totals["periods_right"] += code == entry.period
        else:
            totals["null_periods"] += 1
            totals["null_periods_kept"] += code is None
        period = f"{code or '—'}{'' if code == entry.period else ' ✗'}"
        print(
            f"{entry.name[:40]:<40} {len(entry.hard_errors):>4} {len(result.found):>5} "
            f"{len(result.errors):>6} {len(result.false_errors):>5} "
            f"{len(result.on_silent):>7} {period:>16}"
        )
        if args.verbose:
            for item in result.missed:
                print(f"    missed: {item.quote[:90]} ({item.identity[:80]})")
            for finding in result.false_errors:
                print(f"    false error: {finding.message[:120]}")
            for item, finding in [*result.on_silent, *result.warned_on_silent]:
                print(
                    f"    on silent “{item.quote[:60]}”: {finding.severity} {finding.message[:80]}"
                )
    elapsed = time.perf_counter() - started
    recall = totals["hard_found"] / totals["hard_errors"] if totals["hard_errors"] else 1.0
    precision = (
        totals["errors_matching_a_hard_error"] / totals["errors_reported"]
        if totals["errors_reported"]
        else 1.0
    )
    totals["recall"] = round(recall, 4)
    totals["precision"] = round(precision, 4)
    totals["seconds"] = round(elapsed, 2)
    print()
    print(
        f"Hard errors: recall {recall:.1%} ({totals['hard_found']}/{totals['hard_errors']}), "
        f"precision {precision:.1%} ({totals['errors_matching_a_hard_error']}/"
        f"{totals['errors_reported']} errors match a hard error of the keys)"
    )
    print(
        f"Silent items ({totals['silent_items']}): {totals['errors_on_silent']} errors, "
        f"{totals['warnings_on_silent']} warnings"
    )
    print(
        f"Warnings of the keys reported: {totals['warnings_reported']}/{totals['warnings_in_keys']}"
    )
    print(
        f"Periods: {totals['periods_right']}/{totals['periods_in_keys']} read as the key says; "
        f"{totals['null_periods_kept']}/{totals['null_periods']} texts without a standard "
        "period left without one"
    )
    print(f"{totals['texts']} texts in {elapsed:.2f} s")
    if args.json:
        print(json.dumps(totals, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
