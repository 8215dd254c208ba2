"""Generate a large document in the FRUS web-text form, for benchmarks: pages, notes, bullets.

python benchmarks/generate.py OUTPUT.txt [SIZE_IN_BYTES]
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

WORDS = (
    "the agreement North Vietnamese troops South Vietnam negotiations ceasefire political prisoners "
    "Saigon Hanoi Thieu Le Duc Tho Kissinger President message meeting October changes GVN DMZ Laos "
    "Cambodia position package week break talks chapter language obligations respect military aid"
).split()


def generate(size: int, *, seed: int = 1972) -> str:
    """About ``size`` bytes of text: a title with note 1, paragraphs, bullets, [Page N] marks, notes."""
    rng = random.Random(seed)
    lines = ["900. Message From the President’s Assistant (Kissinger) to President Nixon 1", ""]
    length, page, note = 0, 101, 1
    notes = ["Source: National Archives, Nixon Presidential Materials, NSC Files, Box 1. Top Secret."]
    while length < size:
        sentences = []
        for _ in range(rng.randint(3, 9)):
            words = [rng.choice(WORDS) for _ in range(rng.randint(8, 24))]
            sentence = " ".join(words).capitalize() + "."
            if rng.random() < 0.04:
                note += 1
                sentence += str(note)
                notes.append(f"See Document {rng.randint(1, 400)}, November {rng.randint(1, 30)}, 1972.")
            if rng.random() < 0.05:
                page += 1
                sentence += f" [Page {page}]"
            sentences.append(sentence)
        line = " ".join(sentences)
        if rng.random() < 0.15:
            line = f"  • —{line}"
        lines += [line, ""]
        length += len(line.encode()) + 2
    lines += [f"  {n}. {text}" for n, text in enumerate(notes, start=1)]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    out = Path(sys.argv[1])
    out.write_text(generate(int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000), encoding="utf-8")
    print(f"wrote {out} ({out.stat().st_size:,} bytes)")
