"""The reference for `pnpm bench`: one network in PyTorch on the CPU, same shapes and steps
as tfjs-bench.mjs (training at batch 64 with Adam and cross-entropy, inference at batch 256).
Prints `BENCH {json}` lines like the tfjs children.

    /usr/bin/python3 benchmarks/pytorch_bench.py --network simple --threads 2
"""
import argparse
import json
import resource
import time

import torch
from torch import nn
import torch.nn.functional as F


class Block(nn.Module):
    """Conv-BN-ReLU-Conv-BN plus a shortcut, add, ReLU (He et al.'s basic block)."""

    def __init__(self, cin, cout, stride, bias, eps, shortcut):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=bias)
        self.bn1 = nn.BatchNorm2d(cout, eps=eps)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=bias)
        self.bn2 = nn.BatchNorm2d(cout, eps=eps)
        self.reshape = stride != 1 or cin != cout
        self.zero_pad = shortcut == "zero-pad"
        self.extra = cout - cin
        if self.reshape and not self.zero_pad:
            self.proj = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=bias), nn.BatchNorm2d(cout, eps=eps))
        self.stride = stride

    def forward(self, x):
        y = self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x)))))
        if not self.reshape:
            s = x
        elif self.zero_pad:
            s = F.pad(x[:, :, :: self.stride, :: self.stride], (0, 0, 0, 0, 0, self.extra))
        else:
            s = self.proj(x)
        return F.relu(y + s)


def build(name):
    if name == "simple":
        stem, stages, bias, eps, shortcut = 64, [(64, 2, 1), (128, 2, 2)], True, 1e-3, "projection"
    elif name == "resnet20":
        stem, stages, bias, eps, shortcut = 16, [(16, 3, 1), (32, 3, 2), (64, 3, 2)], False, 1e-5, "zero-pad"
    else:
        raise SystemExit(f"--network: expected simple or resnet20, got '{name}'")
    layers = [nn.Conv2d(3, stem, 3, 1, 1, bias=bias), nn.BatchNorm2d(stem, eps=eps), nn.ReLU()]
    cin = stem
    for filters, blocks, stride in stages:
        for b in range(blocks):
            layers.append(Block(cin, filters, stride if b == 0 else 1, bias, eps, shortcut))
            cin = filters
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(cin, 10)]
    return nn.Sequential(*layers), 1e-4 if name == "resnet20" else 0.0


def peak_rss_mb():
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def report(event):
    print("BENCH " + json.dumps(event), flush=True)


def time_steps(phase, warm, steps, batch, run):
    seconds = 0.0
    for step in range(warm + steps):
        start = time.perf_counter()
        run()
        elapsed = time.perf_counter() - start
        if step >= warm:
            seconds += elapsed
        report({"kind": "step", "phase": phase, "step": step, "warm": step < warm, "seconds": elapsed,
                "peak_rss_mb": peak_rss_mb()})
    return steps * batch / seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--network", default="simple")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--train-batch", type=int, default=64)
    parser.add_argument("--infer-batch", type=int, default=256)
    parser.add_argument("--warm-steps", type=int, default=2)
    parser.add_argument("--train-steps", type=int, default=5)
    parser.add_argument("--infer-steps", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    report({"kind": "backend", "backend": "pytorch", "threads": torch.get_num_threads(), "skipped": [],
            "version": torch.__version__})

    model, weight_decay = build(args.network)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=weight_decay)
    xs = torch.rand(args.train_batch, 3, 32, 32)
    ys = torch.randint(0, 10, (args.train_batch,))

    def train_step():
        optimizer.zero_grad()
        loss = F.cross_entropy(model(xs), ys)
        loss.backward()
        optimizer.step()
        loss.item()

    model.train()
    train_img_s = time_steps("train", args.warm_steps, args.train_steps, args.train_batch, train_step)

    model.eval()
    infer_xs = torch.rand(args.infer_batch, 3, 32, 32)

    def infer_step():
        with torch.no_grad():
            F.softmax(model(infer_xs), dim=1).sum().item()

    infer_img_s = time_steps("infer", 1, args.infer_steps, args.infer_batch, infer_step)
    report({"kind": "result", "train_img_s": train_img_s, "infer_img_s": infer_img_s, "peak_rss_mb": peak_rss_mb()})


if __name__ == "__main__":
    main()
