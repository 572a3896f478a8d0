"""Learns short-vowel and spelling statistics for Arabic-script names from ar2en.txt.

Regenerates crates/vigil-match/src/translit/arabic_model.rs (a table of counts, not a word list).

Run from the workspace root:
    python3 tools/learn_arabic.py            # reads $VIGIL_SHARED_DATA or ../shared/data
    python3 tools/learn_arabic.py --check    # CI: regenerate to a temporary file, compare with
                                             # the committed table, exit 1 on any difference

How it learns:
1. Every 10th line of ar2en.txt (line index % 10 == 0) is HELD OUT for evaluation
   (tests/translit_eval.rs uses the same split) and never seen here.
2. Each remaining pair (Arabic letters, English spelling) is aligned monotonically, every
   Arabic letter emitting a chunk of 0..4 Latin letters, by EM over chunk probabilities
   (forward-backward), then the Viterbi alignment is taken.
3. A consonant's chunk is split into its consonant part and the vowel that follows. The
   consonant part is forced into the letter's name-friendly class (the data is mostly Western
   names in Arabic script, so ك is often "c": screening wants "k"), the vowel part is learned.
   Vowel letters (ا و ي ى ة and hamza seats) keep their whole learned chunk.
4. Words that use letters Western names rarely need (ح خ ع غ ق ص ض ط ظ ث ذ ة ء ؤ ئ) are likely
   Arabic-origin names, the ones screening cares about: they count NATIVE_WEIGHT times.
5. Counts of outputs are kept per context (previous letter, letter, next letter), with
   backoffs (prev, letter), (letter, next) and (letter); rare contexts are pruned.
"""
import filecmp
import math
import os
import sys
import tempfile
from collections import Counter, defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "crates/vigil-match/src/translit/arabic_model.rs")

# Alphabet of the model. Index 0 is the word boundary; the Rust side maps other Arabic-script
# letters (Persian, Urdu, Pashto) onto these before lookup.
LETTERS = "اأإآبتثجحخدذرزسشصضطظعغفقكلمنهويىةءؤئ"
# Name-friendly consonant spellings; the first is the one forced when the data disagrees.
CONSONANTS = {
    "ب": ["b"], "ت": ["t"], "ث": ["th", "s"], "ج": ["j", "g"], "ح": ["h"], "خ": ["kh"],
    "د": ["d"], "ذ": ["dh", "z"], "ر": ["r"], "ز": ["z"], "س": ["s"], "ش": ["sh"],
    "ص": ["s"], "ض": ["d", "dh"], "ط": ["t"], "ظ": ["z", "dh"], "ع": [""], "غ": ["gh"],
    "ف": ["f"], "ق": ["q", "k"], "ك": ["k"], "ل": ["l"], "م": ["m"], "ن": ["n"],
    "ه": ["h", ""], "ء": [""],
}
MAX_CHUNK = 4
NATIVE = set("حخعغقصضطظثذةءؤئ")
NATIVE_WEIGHT = 3
HOLDOUT_EVERY = 10
MIN_CONTEXT = 2  # contexts seen fewer times are left to the backoffs
TOP = 4  # outputs kept per context
NORMALISE = {"ی": "ي", "ک": "ك", "ـ": ""}
IGNORED = set("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u200c\u200d\u200e\u200f\u202c")


def data_path():
    base = os.environ.get("VIGIL_SHARED_DATA") or os.path.join(ROOT, "..", "shared", "data")
    return os.path.join(base, "translit", "ar2en.txt")


def clean_arabic(word):
    out = []
    for ch in word:
        if ch in IGNORED:
            continue
        ch = NORMALISE.get(ch, ch)
        if ch == "":
            continue
        if ch not in LETTERS:
            return None
        out.append(ch)
    return "".join(out) or None


def clean_latin(word):
    word = word.lower().replace("'", "").replace("\u2019", "")
    if not word or any(not ("a" <= c <= "z") for c in word):
        return None
    return word


def load_training():
    pairs = []
    with open(data_path(), encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i % HOLDOUT_EVERY == 0:
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 2:
                continue
            ar, en = clean_arabic(parts[0].strip()), clean_latin(parts[1].strip())
            if ar and en and len(en) <= MAX_CHUNK * len(ar):
                pairs.append((ar, en))
    return pairs


def emissions(ar, en, prob):
    """Log-probability lattice helper: yields (i, j, k, p) for letter i emitting en[j:j+k]."""
    for i, a in enumerate(ar):
        for j in range(len(en) + 1):
            for k in range(0, MAX_CHUNK + 1):
                if j + k > len(en):
                    break
                p = prob.get((a, en[j:j + k]))
                if p:
                    yield i, j, k, p


def em(pairs, rounds=6):
    prob = defaultdict(lambda: 1e-3)
    # Start from a mild prior: chunks that begin with the letter's class spelling are likelier.
    for ar, en in pairs:
        for a in set(ar):
            for j in range(len(en)):
                for k in range(0, MAX_CHUNK + 1):
                    if j + k <= len(en):
                        chunk = en[j:j + k]
                        bonus = 1.0
                        cls = CONSONANTS.get(a)
                        if cls and any(c and chunk.startswith(c) for c in cls):
                            bonus = 5.0
                        prob[(a, chunk)] = max(prob[(a, chunk)], 1e-3 * bonus)
    prob = dict(prob)
    for r in range(rounds):
        counts = defaultdict(float)
        for ar, en in pairs:
            n, m = len(ar), len(en)
            fwd = [[0.0] * (m + 1) for _ in range(n + 1)]
            bwd = [[0.0] * (m + 1) for _ in range(n + 1)]
            fwd[0][0] = 1.0
            for i in range(n):
                a = ar[i]
                for j in range(m + 1):
                    f = fwd[i][j]
                    if f == 0.0:
                        continue
                    for k in range(0, min(MAX_CHUNK, m - j) + 1):
                        p = prob.get((a, en[j:j + k]))
                        if p:
                            fwd[i + 1][j + k] += f * p
            total = fwd[n][m]
            if total == 0.0:
                continue
            bwd[n][m] = 1.0
            for i in range(n - 1, -1, -1):
                a = ar[i]
                for j in range(m + 1):
                    s = 0.0
                    for k in range(0, min(MAX_CHUNK, m - j) + 1):
                        p = prob.get((a, en[j:j + k]))
                        if p:
                            s += p * bwd[i + 1][j + k]
                    bwd[i][j] = s
            for i in range(n):
                a = ar[i]
                for j in range(m + 1):
                    f = fwd[i][j]
                    if f == 0.0:
                        continue
                    for k in range(0, min(MAX_CHUNK, m - j) + 1):
                        chunk = en[j:j + k]
                        p = prob.get((a, chunk))
                        if p:
                            counts[(a, chunk)] += f * p * bwd[i + 1][j + k] / total
        per_letter = defaultdict(float)
        for (a, _), c in counts.items():
            per_letter[a] += c
        prob = {key: c / per_letter[key[0]] for key, c in counts.items() if c > 1e-4}
        print(f"EM round {r + 1}: {len(prob)} chunk probabilities", file=sys.stderr)
    return prob


def viterbi(ar, en, prob):
    n, m = len(ar), len(en)
    best = [[(-math.inf, None)] * (m + 1) for _ in range(n + 1)]
    best[0][0] = (0.0, None)
    for i in range(n):
        a = ar[i]
        for j in range(m + 1):
            score = best[i][j][0]
            if score == -math.inf:
                continue
            for k in range(0, min(MAX_CHUNK, m - j) + 1):
                p = prob.get((a, en[j:j + k]))
                if p and score + math.log(p) > best[i + 1][j + k][0]:
                    best[i + 1][j + k] = (score + math.log(p), (j, k))
    if best[n][m][0] == -math.inf:
        return None
    chunks, j = [], m
    for i in range(n, 0, -1):
        pj, k = best[i][j][1]
        chunks.append(en[pj:pj + k])
        j = pj
    return chunks[::-1]


def name_friendly(letter, chunk):
    """Forces a consonant's spelling into its class; keeps the learned vowels around it."""
    cls = CONSONANTS.get(letter)
    if cls is None:
        return chunk
    start = next((i for i, c in enumerate(chunk) if c not in "aeiou"), len(chunk))
    end = next((i for i in range(start, len(chunk)) if chunk[i] in "aeiou"), len(chunk))
    pre, cons, post = chunk[:start], chunk[start:end], chunk[end:]
    if cons in cls or any(c and cons == c + c for c in cls):
        # A doubled consonant (an unwritten shadda) is worth keeping.
        return chunk
    return pre + cls[0] + post


def main():
    if sys.argv[1:] == ["--check"]:
        sys.exit(check())
    if sys.argv[1:]:
        sys.exit(f"usage: {sys.argv[0]} [--check]")
    write_table(OUT)


def check():
    """Regenerates the table into a temporary file; 0 when it equals the committed one."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = os.path.join(tmp, os.path.basename(OUT))
        write_table(fresh)
        if filecmp.cmp(fresh, OUT, shallow=False):
            print(f"{OUT} is up to date", file=sys.stderr)
            return 0
    print(f"{OUT} differs from what tools/learn_arabic.py generates from ar2en.txt: "
          "rerun the tool and commit its output", file=sys.stderr)
    return 1


def write_table(out_path):
    pairs = load_training()
    print(f"training pairs: {len(pairs)}", file=sys.stderr)
    prob = em(pairs)
    tables = defaultdict(Counter)
    aligned = 0
    for ar, en in pairs:
        chunks = viterbi(ar, en, prob)
        if chunks is None:
            continue
        aligned += 1
        idx = [0] + [LETTERS.index(c) + 1 for c in ar] + [0]
        weight = NATIVE_WEIGHT if any(c in NATIVE for c in ar) else 1
        for i, (a, chunk) in enumerate(zip(ar, chunks)):
            out = name_friendly(a, chunk)
            p, c, nx = idx[i], idx[i + 1], idx[i + 2]
            for key in ((p, c, nx), (p, c, 63), (63, c, nx), (63, c, 63)):
                tables[key][out] += weight
    print(f"aligned: {aligned}", file=sys.stderr)
    rows = []
    for (p, c, nx), counter in sorted(tables.items(), key=lambda kv: kv[0][0] * 4096 + kv[0][1] * 64 + kv[0][2]):
        total = sum(counter.values())
        if total < MIN_CONTEXT and not (p == 63 or nx == 63):
            continue
        top = counter.most_common(TOP)
        top = [(o, min(n, 65535)) for o, n in top if n * 20 >= top[0][1]]
        rows.append((p * 4096 + c * 64 + nx, top))
    with open(out_path, "w", encoding="utf-8") as f:
        f.write("// @generated by tools/learn_arabic.py from ar2en.txt (training split); do not edit.\n")
        f.write("//! Learned spelling statistics for Arabic letters in context: for a key\n")
        f.write("//! `prev * 4096 + letter * 64 + next` (letter indices into `LETTERS` plus one, 0 = word\n")
        f.write("//! boundary, 63 = any), the most frequent Latin outputs with their counts.\n\n")
        f.write(f"pub(super) const LETTERS: &str = \"{LETTERS}\";\n\n")
        f.write("/// Sorted by key, for binary search.\n")
        f.write("pub(super) static CONTEXTS: &[(u32, &[(&str, u16)])] = &[\n")
        for key, top in rows:
            outs = ", ".join(f"(\"{o}\", {n})" for o, n in top)
            f.write(f"    ({key}, &[{outs}]),\n")
        f.write("];\n")
    print(f"wrote {out_path}: {len(rows)} contexts", file=sys.stderr)


if __name__ == "__main__":
    main()
