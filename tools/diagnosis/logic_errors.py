#!/usr/bin/env python3
"""Where a logic model's wrong answers sit: a breakdown of `mannrl predict`'s alignment.tsv.

Usage:
    logic_errors.py ALIGNMENT.tsv --batch-size B [--json]

ALIGNMENT.tsv is `mannrl predict RUNDIR [--data PATH] --batch-size B --out PREFIX`'s PREFIX.alignment.tsv; B must be
the batch size predict ran with: evaluation streams the sequences in order through B slots and carries a slot's memory
from one sequence to the next, so sequences 0..B-1 start from a zero memory and the others from the memory the
previous sequence of their slot left (predict --batch-size 1 makes every sequence but the first a carried start;
--batch-size N >= the sequence count makes every sequence a zero start).

The answer is the prediction at the end mark `|` (the sequence's last position). Each sequence is classed by
  operator: and / or / xor, and its result;
  operands: how many 0/1 symbols it has;
  flipped operand: for `and`-false the position (1-based, among the operands) of its one 0, for `or`-true of its one 1,
    and the distance in steps from that operand to the answer step (`|`) = how long the memory must hold it;
  start: zero memory or carried memory, and for carried starts, the previous sequence of the slot (operator, result).
Only the standard library: no numpy needed.
"""
import argparse
import collections
import json
import sys


def read_sequences(path):
    """sequence index -> list of (input, target, prediction) in position order."""
    seqs = collections.OrderedDict()
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        col = {name: i for i, name in enumerate(header)}
        for line in f:
            p = line.rstrip("\n").split("\t")
            seqs.setdefault(int(p[col["sequence"]]), []).append(
                (int(p[col["position"]]), p[col["input"]], p[col["target"]], p[col["prediction"]]))
    return {k: [(i, t, pr) for _, i, t, pr in sorted(v)] for k, v in seqs.items()}


def describe(steps):
    """Operator, result, operand count, flipped operand's 1-based index and its distance (steps) to `|`."""
    inputs = [s[0] for s in steps]
    op = "".join(inputs[:3]) if inputs[:3] in (list("and"), list("xor")) else "".join(inputs[:2])
    operands = [(pos, x) for pos, x in enumerate(inputs) if x in ("0", "1")]
    result = steps[-1][1]
    answer_pos = len(steps) - 1
    flipped = None
    if op == "and" and result == "0":
        flipped = [k for k, (_, x) in enumerate(operands) if x == "0"]
    elif op == "or" and result == "1":
        flipped = [k for k, (_, x) in enumerate(operands) if x == "1"]
    index = distance = None
    if flipped and len(flipped) == 1:
        index = flipped[0] + 1
        distance = answer_pos - operands[flipped[0]][0]
    return op, result, len(operands), index, distance


def slot_schedule(seq_ids, lengths, batch):
    """For each sequence, the previous sequence of its slot (None for a zero start), replaying the streaming batcher:
    every slot takes the next sequence when its own ends; slots advance one symbol per step together."""
    previous = {}
    order = list(seq_ids)
    nxt = 0
    slots = []  # [sequence, remaining]
    for _ in range(min(batch, len(order))):
        previous[order[nxt]] = None
        slots.append([order[nxt], lengths[order[nxt]]])
        nxt += 1
    while slots:
        for s in slots:
            s[1] -= 1
        for s in slots:
            if s[1] == 0 and nxt < len(order):
                previous[order[nxt]] = s[0]
                s[0], s[1] = order[nxt], lengths[order[nxt]]
                nxt += 1
        slots = [s for s in slots if s[1] > 0]
    return previous


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("alignment")
    ap.add_argument("--batch-size", type=int, required=True)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    seqs = read_sequences(a.alignment)
    ids = sorted(seqs)
    previous = slot_schedule(ids, {k: len(seqs[k]) for k in ids}, a.batch_size)
    groups = collections.defaultdict(lambda: [0, 0])  # key -> [right, total]
    wrong = []

    def add(key, ok):
        g = groups[key]
        g[0] += ok
        g[1] += 1

    for k in ids:
        steps = seqs[k]
        op, result, n, index, distance = describe(steps)
        ok = int(steps[-1][1] == steps[-1][2])
        prev = previous.get(k)
        start = "zero" if prev is None else "carried"
        add(("all",), ok)
        add(("operator", f"{op}={result}"), ok)
        add(("start", start), ok)
        if prev is not None:
            pop, pres, *_ = describe(seqs[prev])
            add(("carried from", f"{pop}={pres}"), ok)
        if op != "xor":
            lo = (n - 1) // 5 * 5 + 1
            add(("operands", f"{lo:02d}-{lo + 4:02d}"), ok)
        if index is not None:
            where = "first" if index == 1 else ("last" if index == n else "middle")
            add(("flipped operand", where), ok)
            dlo = (distance - 1) // 5 * 5 + 1
            add(("flipped distance to answer", f"{dlo:02d}-{dlo + 4:02d}"), ok)
        # wrong answers are also checked against the plain rule "answer = last operand" and "answer = the flipped value"
        if not ok:
            wrong.append({"sequence": k, "operator": op, "result": result, "operands": n, "flipped_index": index,
                          "distance": distance, "start": start, "predicted": steps[-1][2],
                          "inputs": "".join(s[0] for s in steps)})
    rows = [{"group": key[0], "value": key[1] if len(key) > 1 else "", "right": r, "total": t,
             "accuracy": r / t} for key, (r, t) in sorted(groups.items())]
    if a.json:
        json.dump({"groups": rows, "wrong": wrong}, sys.stdout, indent=1)
        print()
        return
    print(f"{'group':28} {'value':10} {'right':>6} {'total':>6} {'answers':>8}")
    for r in rows:
        print(f"{r['group']:28} {r['value']:10} {r['right']:6d} {r['total']:6d} {100 * r['accuracy']:7.1f}%")
    print(f"\nwrong answers: {len(wrong)}")
    for w in wrong[:40]:
        print(f"  #{w['sequence']:5d} {w['start']:7} {w['operator']}={w['result']} predicted {w['predicted']} "
              f"operands {w['operands']:2d} flipped {w['flipped_index']} distance {w['distance']}  {w['inputs']}")


if __name__ == "__main__":
    main(sys.argv[1:])
