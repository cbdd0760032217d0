#!/usr/bin/python3
"""PyTorch's side of `MannRl.Bench lstm`: trains nn.LSTM + nn.Linear on the logic task and times it.

The work mirrors mannrl's `model: lstm` learner: one-hot inputs over the 11 logic symbols, batches of whole
sequences packed with pack_padded_sequence (no compute on padding), cross entropy on the logits averaged over all
positions of a batch, backpropagation through whole sequences, Adam, one thread. Each epoch's training pass is timed
on its own (batch building, forward, backward, optimizer step), in wall and process CPU seconds (the CPU time
is the steadier figure on a shared machine); evaluation on validation follows, untimed, with
the answer (the symbol at `|`) accuracy. Run with Debian's PyTorch:

    /usr/bin/python3 bench/pytorch/lstm_logic.py --data ../shared/data/logic/logic.dataset.json --epochs 3

Prints one JSON object (settings, per-epoch seconds, losses and accuracies) on stdout.
"""
import argparse
import json
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

SYMBOLS = "andorx01=.|"


class LstmNet(nn.Module):
    def __init__(self, symbols, hidden, layers):
        super().__init__()
        self.lstm = nn.LSTM(symbols, hidden, num_layers=layers)
        self.decision = nn.Linear(hidden, symbols)

    def forward(self, packed):
        out, _ = self.lstm(packed)
        return self.decision(out.data)  # logits per packed row


def encode(pairs):
    """[[inputs, targets], ...] -> list of (one-hot inputs (T, 11), target ids (T,))."""
    eye = torch.eye(len(SYMBOLS))
    out = []
    for inputs, targets in pairs:
        x = eye[torch.tensor([SYMBOLS.index(s) for s in inputs])]
        y = torch.tensor([SYMBOLS.index(s) for s in targets])
        out.append((x, y))
    return out


def pack(batch):
    """Packs a list of (x, y) whole sequences, as mannrl's SequenceBatcher does (longest first, no padding rows)."""
    lengths = torch.tensor([len(y) for _, y in batch])
    xs = nn.utils.rnn.pad_sequence([x for x, _ in batch])  # (T, B, 11)
    ys = nn.utils.rnn.pad_sequence([y for _, y in batch])  # (T, B)
    packed = nn.utils.rnn.pack_padded_sequence(xs, lengths, enforce_sorted=False)
    targets = nn.utils.rnn.pack_padded_sequence(ys, lengths, enforce_sorted=False).data
    return packed, targets


def evaluate(net, data, batch_size):
    net.eval()
    right = total = answers = answers_right = 0
    with torch.no_grad():
        for start in range(0, len(data), batch_size):
            batch = data[start:start + batch_size]
            for x, y in batch:  # per sequence: simple and order-free, untimed
                out, _ = net.lstm(x.unsqueeze(1))
                pred = net.decision(out[:, 0]).argmax(dim=1)
                right += int((pred == y).sum())
                total += len(y)
                answers += 1
                answers_right += int(pred[-1] == y[-1])
    net.train()
    return right / total, answers_right / answers


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", required=True, help="logic.dataset.json ({'train': [[inputs, targets], ...], 'validation': ...})")
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--hidden", type=int, default=48)
    ap.add_argument("--layers", type=int, default=1)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    with open(args.data) as fh:
        raw = json.load(fh)
    train, validation = encode(raw["train"]), encode(raw["validation"])
    net = LstmNet(len(SYMBOLS), args.hidden, args.layers)
    opt = torch.optim.Adam(net.parameters(), lr=args.lr)
    gen = torch.Generator().manual_seed(args.seed)

    epochs = []
    for epoch in range(args.epochs):
        order = torch.randperm(len(train), generator=gen).tolist()
        loss_sum, batches = 0.0, 0
        start, cpu_start = time.perf_counter(), time.process_time()
        for b in range(0, len(order), args.batch_size):
            packed, targets = pack([train[i] for i in order[b:b + args.batch_size]])
            loss = F.cross_entropy(net(packed), targets)
            opt.zero_grad()
            loss.backward()
            opt.step()
            loss_sum += loss.item()
            batches += 1
        seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
        symbol_acc, answer_acc = evaluate(net, validation, 256)
        epochs.append({"epoch": epoch + 1, "train_seconds": seconds, "train_cpu_seconds": cpu_seconds, "loss": loss_sum / batches,
                       "validation_symbol_accuracy": symbol_acc, "validation_answer_accuracy": answer_acc})

    print(json.dumps({
        "torch": torch.__version__, "threads": torch.get_num_threads(), "epochs": epochs,
        "settings": {"batch_size": args.batch_size, "hidden": args.hidden, "layers": args.layers, "lr": args.lr,
                     "train_sequences": len(train), "parameters": sum(p.numel() for p in net.parameters())},
    }))


if __name__ == "__main__":
    main()
