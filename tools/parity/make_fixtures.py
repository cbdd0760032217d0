#!/usr/bin/python3
"""Writes the PyTorch parity fixtures of mannrl into tools/parity/fixtures/ (schemas: README.md).

Deterministic: fixed seeds, float32, one thread. Every float is written as the shortest decimal that
round-trips to the same float32, so `float.Parse` in C# recovers the exact value PyTorch used or produced.
Run with Debian's PyTorch: `/usr/bin/python3 tools/parity/make_fixtures.py`.
"""
import json
import math
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(1)
torch.set_default_dtype(torch.float32)

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")


# ----------------------------------------------------------------------------------------------- encoding

def f32(v):
    """Shortest decimal that round-trips to the float32 value v (as a Python float for json)."""
    return float(str(np.float32(v)))


def t(x):
    """Tensor -> {"shape": [...], "data": [row-major floats]}."""
    x = x.detach().to(torch.float32).contiguous()
    return {"shape": list(x.shape), "data": [f32(v) for v in x.reshape(-1).tolist()]}


def scalar(x):
    return f32(x.item() if torch.is_tensor(x) else x)


def params_of(module):
    """Named parameters in registration order: {name: tensor}."""
    return {name: t(p) for name, p in module.named_parameters()}


def grads_of(module):
    return {name: t(p.grad) for name, p in module.named_parameters()}


def write(name, obj):
    os.makedirs(OUT_DIR, exist_ok=True)
    path = os.path.join(OUT_DIR, name)
    # One JSON value per line at the top levels keeps diffs readable while the float lists stay compact.
    text = json.dumps(obj, indent=1, separators=(",", ": "))
    text = _compact_lists(text)
    with open(path, "w") as fh:
        fh.write(text + "\n")
    print(f"wrote {path}")


def _compact_lists(text):
    """Puts every innermost list (numbers only) on one line."""
    out, buf, depth_list = [], [], None
    for line in text.split("\n"):
        s = line.strip()
        if depth_list is None:
            if s.endswith("[") and not s.endswith("[["):
                depth_list = [line]
                continue
            out.append(line)
        else:
            if s.startswith("]"):
                items = [x.strip().rstrip(",") for x in depth_list[1:]]
                if all(_is_number(x) for x in items):
                    out.append(depth_list[0] + ", ".join(items) + s)
                else:
                    out.extend(depth_list)
                    out.append(line)
                depth_list = None
            elif s.endswith("[") or s.endswith("{"):
                out.extend(depth_list)
                out.append(line)
                depth_list = None
            else:
                depth_list.append(line)
    return "\n".join(out)


def _is_number(s):
    try:
        float(s)
        return True
    except ValueError:
        return False


def randn(gen, *shape, scale=1.0):
    return (torch.randn(*shape, generator=gen) * scale).to(torch.float32)


def away_from_zero(x, margin=0.05):
    """Moves values within margin of 0 out to +-margin (ReLU's kink, finite differences)."""
    return torch.where(x.abs() < margin, torch.sign(x + 1e-12) * margin, x)


def leaf(x):
    return x.detach().clone().requires_grad_(True)


# ----------------------------------------------------------------------------------------------- linear

def make_linear():
    gen = torch.Generator().manual_seed(101)
    cases = []
    for name, batch, fin, fout in [("batch5", 5, 7, 3), ("batch1", 1, 7, 3)]:
        lin = nn.Linear(fin, fout)
        with torch.no_grad():
            lin.weight.copy_(randn(gen, fout, fin, scale=0.5))
            lin.bias.copy_(randn(gen, fout, scale=0.5))
        x = leaf(randn(gen, batch, fin, scale=1.5))
        dy = randn(gen, batch, fout)
        y = lin(x)
        y.backward(dy)
        cases.append({
            "name": name, "in_features": fin, "out_features": fout,
            "weight": t(lin.weight), "bias": t(lin.bias), "x": t(x), "dy": t(dy),
            "y": t(y), "dx": t(x.grad), "dweight": t(lin.weight.grad), "dbias": t(lin.bias.grad),
        })
    write("linear.json", {"cases": cases})


# ----------------------------------------------------------------------------------------------- batchnorm

def make_batchnorm():
    gen = torch.Generator().manual_seed(202)
    feats = 3
    weight = randn(gen, feats, scale=0.5) + 1.0
    bias = randn(gen, feats, scale=0.5)

    def fresh():
        bn = nn.BatchNorm1d(feats, eps=1e-5, momentum=0.1, affine=True)
        with torch.no_grad():
            bn.weight.copy_(weight)
            bn.bias.copy_(bias)
        return bn

    # One train-mode forward/backward. Feature means and scales differ so normalisation matters.
    bn = fresh().train()
    shift = torch.tensor([0.5, -1.0, 2.0])
    scale = torch.tensor([1.0, 0.3, 2.5])
    x = leaf(randn(gen, 5, feats) * scale + shift)
    dy = randn(gen, 5, feats)
    y = bn(x)
    y.backward(dy)
    train = {
        "x": t(x), "dy": t(dy), "y": t(y), "dx": t(x.grad),
        "dweight": t(bn.weight.grad), "dbias": t(bn.bias.grad),
        "running_mean": t(bn.running_mean), "running_var": t(bn.running_var),
    }

    # Four successive train-mode forwards on batches of different sizes, then eval mode.
    bn = fresh().train()
    batches, after = [], []
    for rows in [5, 5, 3, 2]:
        xb = randn(gen, rows, feats) * scale + shift
        bn(xb)
        batches.append(t(xb))
        after.append({"running_mean": t(bn.running_mean), "running_var": t(bn.running_var)})
    bn.eval()
    bn.zero_grad()
    xe = leaf(randn(gen, 5, feats) * scale + shift)
    dye = randn(gen, 5, feats)
    ye = bn(xe)
    ye.backward(dye)
    evaluation = {
        "x": t(xe), "dy": t(dye), "y": t(ye), "dx": t(xe.grad),
        "dweight": t(bn.weight.grad), "dbias": t(bn.bias.grad),
    }
    write("batchnorm.json", {
        "features": feats, "eps": 1e-5, "momentum": 0.1,
        "weight": t(weight), "bias": t(bias),
        "train": train,
        "running": {"batches": batches, "after": after},
        "eval": evaluation,
    })


# ----------------------------------------------------------------------------------------------- activations

def make_activations():
    gen = torch.Generator().manual_seed(303)
    cases = []
    for name, fn in [("relu", nn.ReLU()), ("silu", nn.SiLU()), ("tanh", nn.Tanh()),
                     ("sigmoid", nn.Sigmoid()), ("softmax", nn.Softmax(dim=1))]:
        x = leaf(away_from_zero(randn(gen, 5, 7, scale=2.0)))
        dy = randn(gen, 5, 7)
        y = fn(x)
        y.backward(dy)
        cases.append({"name": name, "x": t(x), "dy": t(dy), "y": t(y), "dx": t(x.grad)})
    write("activations.json", {"cases": cases})


# ----------------------------------------------------------------------------------------------- losses

def make_losses():
    gen = torch.Generator().manual_seed(404)
    rows, classes = 5, 7
    targets = torch.tensor([0, 6, 3, 3, 1])

    # Cross entropy on logits.
    z = leaf(randn(gen, rows, classes, scale=2.0))
    per_row = F.cross_entropy(z, targets, reduction="none")
    mean = F.cross_entropy(z, targets, reduction="mean")
    mean.backward()
    logits = {"input": t(z), "targets": targets.tolist(), "row_losses": t(per_row),
              "mean": scalar(mean), "grad_input": t(z.grad)}

    # Cross entropy applied to Softmax probabilities (what the original does with the action net's output).
    z2 = leaf(randn(gen, rows, classes, scale=2.0))
    p = torch.softmax(z2, dim=1)
    p.retain_grad()
    per_row_p = F.cross_entropy(p, targets, reduction="none")
    mean_p = F.cross_entropy(p, targets, reduction="mean")
    mean_p.backward()
    probs = {"logits": t(z2), "input": t(p), "targets": targets.tolist(), "row_losses": t(per_row_p),
             "mean": scalar(mean_p), "grad_input": t(p.grad), "grad_logits": t(z2.grad)}

    # SmoothL1 (beta 1, mean): differences both inside and outside [-1, 1].
    a = randn(gen, rows, 4, scale=1.5)
    b = randn(gen, rows, 4, scale=1.5)
    d = a - b
    # Keep clear of the |d| = 1 kink so the case is unambiguous.
    near = (d.abs() - 1).abs() < 0.05
    a = torch.where(near, a + 0.2, a)
    inp, tgt = leaf(a), leaf(b)
    loss = F.smooth_l1_loss(inp, tgt, beta=1.0, reduction="mean")
    loss.backward()
    diff = (inp - tgt).detach().abs()
    assert (diff < 1).any() and (diff > 1).any()
    smooth = {"input": t(inp), "target": t(tgt), "loss": scalar(loss),
              "grad_input": t(inp.grad), "grad_target": t(tgt.grad)}

    write("losses.json", {"cross_entropy_logits": logits, "cross_entropy_probs": probs, "smooth_l1": smooth})


# ----------------------------------------------------------------------------------------------- optimizers

def make_optimizers():
    gen = torch.Generator().manual_seed(505)
    w0 = randn(gen, 3, 4, scale=0.5)
    b0 = randn(gen, 3, scale=0.5)
    X = randn(gen, 5, 4)
    Y = randn(gen, 5, 3)

    def run(make_opt):
        lin = nn.Linear(4, 3)
        with torch.no_grad():
            lin.weight.copy_(w0)
            lin.bias.copy_(b0)
        opt = make_opt(list(lin.parameters()))
        steps = []
        for _ in range(5):
            opt.zero_grad()
            loss = F.mse_loss(lin(X), Y)
            loss.backward()
            grads = grads_of(lin)
            opt.step()
            steps.append({"loss": scalar(loss), "grads": grads, "params": params_of(lin)})
        return steps

    optimizers = [
        {"name": "adam", "lr": 0.01, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8,
         "steps": run(lambda ps: torch.optim.Adam(ps, lr=0.01))},
        {"name": "sgd", "lr": 0.1,
         "steps": run(lambda ps: torch.optim.SGD(ps, lr=0.1))},
        {"name": "rmsprop", "lr": 0.01, "alpha": 0.99, "eps": 1e-8,
         "steps": run(lambda ps: torch.optim.RMSprop(ps, lr=0.01, alpha=0.99, eps=1e-8))},
    ]

    # clip_grad_norm_ over two parameters.
    clips = []
    for name, max_norm, scale in [("clipped", 0.5, 1.0), ("unclipped", 10.0, 1.0), ("barely_clipped", None, 0.2)]:
        p1 = nn.Parameter(torch.zeros(3, 4))
        p2 = nn.Parameter(torch.zeros(3))
        g1 = randn(gen, 3, 4, scale=scale)
        g2 = randn(gen, 3, scale=scale)
        if max_norm is None:  # just below the norm: the scale factor is close to 1
            max_norm = f32(0.9 * torch.sqrt((g1 ** 2).sum() + (g2 ** 2).sum()).item())
        p1.grad = g1.clone()
        p2.grad = g2.clone()
        total = torch.nn.utils.clip_grad_norm_([p1, p2], max_norm)
        clips.append({"name": name, "max_norm": max_norm, "grads": [t(g1), t(g2)],
                      "total_norm": scalar(total), "clipped": [t(p1.grad), t(p2.grad)]})
    assert clips[0]["total_norm"] > 0.5 and clips[1]["total_norm"] < 10.0 and clips[2]["total_norm"] > clips[2]["max_norm"]

    # MultiStepLR.
    schedulers = []
    for name, milestones, gamma in [("list", [2, 4], 0.5), ("single", [3], 0.1)]:
        p = nn.Parameter(torch.zeros(1))
        opt = torch.optim.SGD([p], lr=0.1)
        sched = torch.optim.lr_scheduler.MultiStepLR(opt, milestones=milestones, gamma=gamma)
        lrs = []
        for _ in range(6):
            opt.step()
            sched.step()
            lrs.append(f32(opt.param_groups[0]["lr"]))
        schedulers.append({"name": name, "milestones": milestones, "gamma": gamma, "base_lr": 0.1, "lrs": lrs})

    write("optimizers.json", {
        "problem": {"weight": t(w0), "bias": t(b0), "x": t(X), "y": t(Y),
                    "loss": "mse_loss(x @ weight.T + bias, y), mean over all elements"},
        "optimizers": optimizers,
        "clip_grad_norm": clips,
        "multistep_lr": schedulers,
    })


# ----------------------------------------------------------------------------------------------- module, two batches

def make_module_two_batches():
    gen = torch.Generator().manual_seed(606)
    net0 = nn.Sequential(nn.Linear(6, 4), nn.BatchNorm1d(4), nn.Sigmoid())
    with torch.no_grad():
        net0[0].weight.copy_(randn(gen, 4, 6, scale=0.5))
        net0[0].bias.copy_(randn(gen, 4, scale=0.5))
        net0[1].weight.copy_(randn(gen, 4, scale=0.3) + 1.0)
        net0[1].bias.copy_(randn(gen, 4, scale=0.3))
    init = params_of(net0)
    x1 = randn(gen, 5, 6)
    x2 = randn(gen, 5, 6) + 0.3
    c = torch.tensor([[0.0], [0.4], [1.7], [3.0], [0.9]])  # per-row constant, (5, 1)
    gamma = 0.99

    def variant(detach):
        net = nn.Sequential(nn.Linear(6, 4), nn.BatchNorm1d(4), nn.Sigmoid())
        net.load_state_dict(net0.state_dict())
        net.train()
        a, b = leaf(x1), leaf(x2)
        out1 = net(a)
        out2 = net(b)
        target = gamma * (out2.detach() if detach else out2) - c
        loss = F.smooth_l1_loss(out1, target, beta=1.0, reduction="mean")
        loss.backward()
        d = (out1 - target).detach().abs()
        assert (d < 1).any() and (d > 1).any()
        return {
            "detach_target": detach, "out1": t(out1), "out2": t(out2), "target": t(target),
            "loss": scalar(loss), "grads": grads_of(net), "dx1": t(a.grad),
            "dx2": t(b.grad) if b.grad is not None else t(torch.zeros_like(b)),
            "running_mean": t(net[1].running_mean), "running_var": t(net[1].running_var),
        }

    write("module_two_batches.json", {
        "layers": "Sequential(Linear(6,4), BatchNorm1d(4, eps 1e-5, momentum 0.1), Sigmoid), train mode",
        "params": init, "x1": t(x1), "x2": t(x2), "c": t(c), "gamma": gamma,
        "cases": [variant(False), variant(True)],
    })


# ----------------------------------------------------------------------------------------------- TD step

def make_td_step():
    gen = torch.Generator().manual_seed(707)
    I, M, rows = 3, 4, 6
    cfg = {"mem_gamma": 0.99, "mem_l1": 0.5, "mem_dampen_losses": 3.0, "mem_clamp": 10.0,
           "mem_clipping": 1.0, "rmsprop_lr": 1e-3, "rmsprop_alpha": 0.99, "rmsprop_eps": 1e-8}

    class FlatMnnNA(nn.Module):
        def __init__(self):
            super().__init__()
            self.linear = nn.Linear(I + M, M)
            self.bn = nn.BatchNorm1d(M)

        def forward(self, inp, mem):
            return torch.sigmoid(self.bn(self.linear(torch.cat([inp, mem], dim=1))))

    f0 = FlatMnnNA()
    with torch.no_grad():
        f0.linear.weight.copy_(randn(gen, M, I + M, scale=0.5))
        f0.linear.bias.copy_(randn(gen, M, scale=0.3))
        f0.bn.weight.copy_(randn(gen, M, scale=0.3) + 1.0)
        f0.bn.bias.copy_(randn(gen, M, scale=0.3))
    init = params_of(f0)
    in_t = randn(gen, rows, I)
    m_t = torch.rand(rows, M, generator=gen)
    in_t1 = randn(gen, rows, I)
    m_t1 = torch.rand(rows, M, generator=gen)
    # Action losses of step t+1: zero, small, moderate, and two above e^(10/3)-1 ~ 27 so the clamp bites.
    losses = torch.tensor([0.0, 0.05, 0.7, 2.3, 30.0, 120.0])

    def variant(detach):
        f = FlatMnnNA()
        f.load_state_dict(f0.state_dict())
        f.train()
        policy = f(in_t1, m_t1)  # first, as the original
        l = losses.clone()
        l_l1 = l + cfg["mem_l1"] * policy.detach().abs().mean()
        l_damp = cfg["mem_dampen_losses"] * torch.log(1 + l_l1)
        l_clamp = torch.clamp(l_damp, 0, cfg["mem_clamp"])
        target = policy.detach() if detach else policy
        expected = cfg["mem_gamma"] * target - l_clamp.unsqueeze(1)
        actual = f(in_t, m_t)
        loss = F.smooth_l1_loss(actual, expected, beta=1.0, reduction="mean")
        opt = torch.optim.RMSprop(f.parameters(), lr=cfg["rmsprop_lr"], alpha=cfg["rmsprop_alpha"],
                                  eps=cfg["rmsprop_eps"])
        opt.zero_grad()
        loss.backward()
        grads = grads_of(f)
        total = torch.nn.utils.clip_grad_norm_(f.parameters(), cfg["mem_clipping"])
        clipped = grads_of(f)
        opt.step()
        return {
            "detach_target": detach, "policy": t(policy), "l_after_l1": t(l_l1), "l_after_dampen": t(l_damp),
            "l_after_clamp": t(l_clamp), "expected": t(expected), "actual": t(actual), "loss": scalar(loss),
            "grads": grads, "total_norm": scalar(total), "clipped_grads": clipped,
            "params_after": params_of(f),
            "running_mean": t(f.bn.running_mean), "running_var": t(f.bn.running_var),
        }

    write("td_step.json", {
        "model": "flatmnnNA: sigmoid(bn(linear(cat(input, memory)))), I=3, M=4",
        "input_dim": I, "memory_dim": M, "config": cfg, "params": init,
        "in_t": t(in_t), "m_t": t(m_t), "in_t1": t(in_t1), "m_t1": t(m_t1), "losses_t1": t(losses),
        "cases": [variant(False), variant(True)],
    })

# ----------------------------------------------------------------------------------------------- LSTM

def make_lstm():
    """nn.LSTM forward and backward through time on packed sequences (PyTorch's PackedSequence layout)."""
    gen = torch.Generator().manual_seed(808)
    cases = []

    def packed_case(name, input_size, hidden, layers, lengths, with_state, truncate=0):
        lengths = sorted(lengths, reverse=True)
        batch, steps = len(lengths), lengths[0]
        lstm = nn.LSTM(input_size, hidden, num_layers=layers)
        with torch.no_grad():
            for p in lstm.parameters():
                p.copy_(randn(gen, *p.shape, scale=0.5))
        params = params_of(lstm)
        padded = randn(gen, steps, batch, input_size)  # (T, B, I), time-major as nn.LSTM's default
        for s, n in enumerate(lengths):
            padded[n:, s] = 0.0
        x = leaf(nn.utils.rnn.pack_padded_sequence(padded, lengths).data)  # (rows, I)
        batch_sizes = nn.utils.rnn.pack_padded_sequence(padded, lengths).batch_sizes
        h0 = leaf(randn(gen, layers, batch, hidden)) if with_state else None
        c0 = leaf(randn(gen, layers, batch, hidden)) if with_state else None
        dy = randn(gen, x.shape[0], hidden)
        dh_n = randn(gen, layers, batch, hidden)
        dc_n = randn(gen, layers, batch, hidden)

        if truncate == 0:
            packed = nn.utils.rnn.PackedSequence(x, batch_sizes)
            out, (h_n, c_n) = lstm(packed, (h0, c0) if with_state else None)
            y = out.data
        else:
            # Truncated BPTT: the state is detached before every step that is a multiple of k (equal lengths only).
            assert len(set(lengths)) == 1
            xs = x.view(steps, batch, input_size)
            state = (h0, c0) if with_state else (torch.zeros(layers, batch, hidden), torch.zeros(layers, batch, hidden))
            outs = []
            for start in range(0, steps, truncate):
                if start > 0:
                    state = (state[0].detach(), state[1].detach())
                o, state = lstm(xs[start:start + truncate], state)
                outs.append(o)
            y = torch.cat(outs).reshape(-1, hidden)
            h_n, c_n = state
        loss = (y * dy).sum() + (h_n * dh_n).sum() + (c_n * dc_n).sum()
        loss.backward()
        case = {
            "name": name, "input_size": input_size, "hidden_size": hidden, "num_layers": layers,
            "lengths": lengths, "batch_sizes": batch_sizes.tolist(), "truncate": truncate,
            "params": params, "x": t(x), "y": t(y), "h_n": t(h_n), "c_n": t(c_n),
            "dy": t(dy), "dh_n": t(dh_n), "dc_n": t(dc_n),
            "dx": t(x.grad), "grads": grads_of(lstm),
        }
        if with_state:
            case.update({"h0": t(h0), "c0": t(c0), "dh0": t(h0.grad), "dc0": t(c0.grad)})
        cases.append(case)

    packed_case("two_layers_state", 5, 4, 2, [6, 6, 6], with_state=True)
    packed_case("padded", 3, 6, 2, [7, 5, 5, 2, 1], with_state=False)
    packed_case("one_layer_padded_state", 4, 3, 1, [4, 3, 1], with_state=True)
    packed_case("truncated", 3, 4, 2, [7, 7, 7], with_state=True, truncate=3)
    write("lstm.json", {
        "layout": "packed rows: step t holds batch_sizes[t] sequences (sorted longest first); "
                  "loss = sum(y*dy) + sum(h_n*dh_n) + sum(c_n*dc_n)",
        "cases": cases,
    })


MAKERS = {
    "linear": make_linear, "batchnorm": make_batchnorm, "activations": make_activations, "losses": make_losses,
    "optimizers": make_optimizers, "module_two_batches": make_module_two_batches, "td_step": make_td_step,
    "lstm": make_lstm,
}

if __name__ == "__main__":
    # Optional arguments name the fixtures to write (e.g. `lstm`); none = all. Each maker seeds its own generator.
    names = sys.argv[1:] or list(MAKERS)
    unknown = [n for n in names if n not in MAKERS]
    if unknown:
        sys.exit(f"unknown fixture(s) {unknown}; choose from {list(MAKERS)}")
    torch.manual_seed(13)
    for n in names:
        MAKERS[n]()
