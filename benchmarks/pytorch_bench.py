"""The reference for `pnpm bench`: one network in PyTorch, same shapes as tfjs-bench.mjs
(training with Adam and cross-entropy, inference with softmax), on the CPU or on CUDA.
Prints `BENCH {json}` lines like the tfjs children: one `round` event per configuration,
round, phase and batch; bench.mjs takes the medians and the fastest configuration.

On the CPU it tries each memory format with and without flushed denormals, interleaved
over the rounds so that the machine's slow spells fall on all of them alike. On CUDA it
runs channels_last with PyTorch's default precision (TF32 convolutions).

    /usr/bin/python3 benchmarks/pytorch_bench.py --network simple --device cpu --threads 2
"""
import argparse
import json
import resource
import time
from dataclasses import dataclass

import torch
from torch import nn
import torch.nn.functional as F


@dataclass(frozen=True)
class Config:
    memory_format: str
    flush_denormal: bool

    @property
    def name(self):
        return self.memory_format + ("+flush-denormal" if self.flush_denormal else "")


CONFIGS = {
    "cpu": [Config(f, d) for f in ("contiguous", "channels_last") for d in (False, True)],
    "cuda": [Config("channels_last", False)],
}
MEMORY_FORMATS = {"contiguous": torch.contiguous_format, "channels_last": torch.channels_last}


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


def positive_ints(text):
    values = [int(v) for v in text.split(",")]
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError(f"expected positive whole numbers separated by commas, got '{text}'")
    return values


def time_phase(warm, min_steps, min_seconds, step):
    """Runs `warm` untimed steps, then timed ones until both minimums are met."""
    for _ in range(warm):
        step()
    steps, seconds = 0, 0.0
    while steps < min_steps or seconds < min_seconds:
        start = time.perf_counter()
        step()  # ends in .item(), which waits for the GPU
        seconds += time.perf_counter() - start
        steps += 1
    return steps, seconds


def cuda_unavailable_reason():
    if torch.version.cuda is None:
        return f"torch.cuda.is_available() is False: torch {torch.__version__} is built without CUDA"
    return f"torch.cuda.is_available() is False: no CUDA device (torch {torch.__version__}, CUDA {torch.version.cuda})"


def describe(device):
    if device.type == "cpu":
        return {"device_name": "cpu", "precision": "fp32"}
    # Left at PyTorch's defaults on purpose: TF32 convolutions on, TF32 matmul off.
    convs = "TF32" if torch.backends.cudnn.allow_tf32 else "fp32"
    matmul = "TF32" if torch.backends.cuda.matmul.allow_tf32 else "fp32"
    return {
        "device_name": torch.cuda.get_device_name(device),
        "precision": f"fp32 weights, {convs} convolutions and {matmul} matmul (PyTorch's defaults), cudnn.benchmark",
    }


def run_round(args, device, config, round_index):
    """One configuration's training at each batch size, then its inference; one event each."""
    # It answers whether the CPU supports the mode, whichever way it is set.
    if device.type == "cpu" and not torch.set_flush_denormal(config.flush_denormal):
        raise SystemExit("torch.set_flush_denormal: this CPU cannot flush denormals (needs SSE3)")
    memory_format = MEMORY_FORMATS[config.memory_format]
    torch.manual_seed(1)
    model, weight_decay = build(args.network)
    model = model.to(device, memory_format=memory_format)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=weight_decay)
    event = {"kind": "round", "config": config.name, "memory_format": config.memory_format,
             "flush_denormal": config.flush_denormal, "round": round_index}

    model.train()
    for batch in args.train_batches:
        xs = torch.rand(batch, 3, 32, 32, device=device).contiguous(memory_format=memory_format)
        ys = torch.randint(0, 10, (batch,), device=device)

        def train_step():
            optimizer.zero_grad()
            loss = F.cross_entropy(model(xs), ys)
            loss.backward()
            optimizer.step()
            loss.item()

        steps, seconds = time_phase(args.warm_steps, args.train_steps, args.min_seconds, train_step)
        report({**event, "phase": "train", "batch": batch, "steps": steps, "seconds": seconds,
                "img_s": steps * batch / seconds, "peak_rss_mb": peak_rss_mb()})

    model.eval()
    infer_xs = torch.rand(args.infer_batch, 3, 32, 32, device=device).contiguous(memory_format=memory_format)

    def infer_step():
        with torch.no_grad():
            F.softmax(model(infer_xs), dim=1).sum().item()

    steps, seconds = time_phase(1, args.infer_steps, args.min_seconds, infer_step)
    report({**event, "phase": "infer", "batch": args.infer_batch, "steps": steps, "seconds": seconds,
            "img_s": steps * args.infer_batch / seconds, "peak_rss_mb": peak_rss_mb()})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--network", default="simple")
    parser.add_argument("--device", choices=["cpu", "cuda"], default="cpu")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--train-batches", type=positive_ints, default=[64])
    parser.add_argument("--infer-batch", type=int, default=256)
    parser.add_argument("--warm-steps", type=int, default=2)
    parser.add_argument("--train-steps", type=int, default=5, help="at least this many timed steps")
    parser.add_argument("--infer-steps", type=int, default=2, help="at least this many timed steps")
    parser.add_argument("--min-seconds", type=float, default=5.0, help="each timed phase runs at least this long")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of every configuration, interleaved")
    args = parser.parse_args()
    if args.rounds < 1:
        raise SystemExit(f"--rounds: expected a positive whole number, got {args.rounds}")

    if args.device == "cuda" and not torch.cuda.is_available():
        report({"kind": "unavailable", "reason": cuda_unavailable_reason()})
        return
    device = torch.device(args.device)
    torch.set_num_threads(args.threads)
    if device.type == "cuda":
        torch.backends.cudnn.benchmark = True  # fixed shapes: let cuDNN pick its fastest kernels
    report({"kind": "backend", "backend": "pytorch", "device": args.device, **describe(device),
            "threads": torch.get_num_threads(), "version": torch.__version__})

    configs = CONFIGS[args.device]
    for r in range(args.rounds):
        shift = r % len(configs)
        for config in configs[shift:] + configs[:shift]:
            run_round(args, device, config, r)

    result = {"kind": "result", "peak_rss_mb": peak_rss_mb()}
    if device.type == "cuda":
        result["gpu_peak_mb"] = round(torch.cuda.max_memory_allocated(device) / 2**20)
    report(result)


if __name__ == "__main__":
    main()
