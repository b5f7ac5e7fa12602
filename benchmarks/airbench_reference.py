"""airbench94 (Jordan 2024) in PyTorch on our copy of CIFAR-10: the reference for the
shipped `airbench` recipe. It answers one question the tfjs run cannot: what does the original
method score on *this* data (rebuilt from JPEGs), and what do our translations of it cost
(ReLU for GELU, batch 512, no whitening bias, 49,000 images)? Written from the paper and
airbench94.py's hyperparameters, not copied; float32 on the CPU, TF32 off on CUDA.

    /usr/bin/python3 benchmarks/airbench_reference.py --threads 2             # airbench as published
    /usr/bin/python3 benchmarks/airbench_reference.py --threads 2 --as-shipped  # our translation

Prints one `EPOCH {json}` line per epoch and a final `RESULT {json}` line.

    /usr/bin/python3 benchmarks/airbench_reference.py --parity runs/parity   # see airbench-parity.mjs

`--parity DIR` instead takes each step `benchmarks/airbench-parity.mjs` wrote again in PyTorch,
from our weights, moving statistics and momentum before it, on the same batch at the same
learning rate, and prints per step both losses and how far apart the two updates are.
"""
import argparse
import io
import json
import math
import tarfile
import time

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F

MEAN = (0.4914, 0.4822, 0.4465)
STD = (0.2470, 0.2435, 0.2616)
RECORD = 3073


def read_split(archive, names):
    """Images [n, 3, 32, 32] uint8 and labels [n] from the binary batches, in file order."""
    images, labels = [], []
    with tarfile.open(archive, "r:gz") as tar:
        members = {m.name.rsplit("/", 1)[-1]: m for m in tar.getmembers()}
        for name in names:
            raw = np.frombuffer(tar.extractfile(members[name]).read(), dtype=np.uint8)
            if raw.size % RECORD:
                raise SystemExit(f"{archive}: {name} is {raw.size} bytes, not a whole number of {RECORD}-byte records")
            records = raw.reshape(-1, RECORD)
            labels.append(records[:, 0].astype(np.int64))
            images.append(records[:, 1:].reshape(-1, 3, 32, 32))
    return torch.from_numpy(np.concatenate(images)), torch.from_numpy(np.concatenate(labels))


def normalize(images):
    x = images.float() / 255
    mean = torch.tensor(MEAN, device=x.device).view(1, 3, 1, 1)
    std = torch.tensor(STD, device=x.device).view(1, 3, 1, 1)
    return (x - mean) / std


class Scale(nn.Module):
    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def forward(self, x):
        return x * self.factor


class TiedMaxGradient(torch.autograd.Function):
    """Max over the last axis whose gradient goes whole to every tied maximum: tfjs's Max gradient,
    which our head's globalMaxPooling2d used before 2026-12-01 (MaxPool's goes to the first)."""

    @staticmethod
    def forward(ctx, x):
        top = x.amax(-1, keepdim=True)
        ctx.save_for_backward(x, top)
        return top.squeeze(-1)

    @staticmethod
    def backward(ctx, grad):
        x, top = ctx.saved_tensors
        return grad.unsqueeze(-1) * (x == top).to(grad.dtype)


class GlobalMaxTiedGradient(nn.Module):
    def forward(self, x):
        return TiedMaxGradient.apply(x.flatten(2)).view(x.shape[0], x.shape[1], 1, 1)


def batch_norm(channels, momentum):
    # airbench's momentum is Keras's sense (the weight of the old average); PyTorch takes 1 - it.
    bn = nn.BatchNorm2d(channels, eps=1e-12, momentum=1 - momentum)
    bn.weight.requires_grad = False
    return bn


def conv(cin, cout, kernel=3, padding="same", bias=False):
    layer = nn.Conv2d(cin, cout, kernel, padding=padding, bias=bias)
    with torch.no_grad():
        if bias:
            layer.bias.zero_()
        # Partial identity init: the first `cin` filters pass their input channel through.
        nn.init.dirac_(layer.weight[: min(cin, cout)])
    return layer


def make_net(widths, activation, bn_momentum, tied_max_gradient=False, any_size=False):
    act = {"gelu": nn.GELU, "relu": nn.ReLU}[activation]

    def group(cin, cout):
        return nn.Sequential(conv(cin, cout), nn.MaxPool2d(2), batch_norm(cout, bn_momentum), act(),
                             conv(cout, cout), batch_norm(cout, bn_momentum), act())

    whiten = conv(3, 24, kernel=2, padding=0, bias=True)
    whiten.weight.requires_grad = False
    return nn.Sequential(whiten, act(), group(24, widths[0]), group(widths[0], widths[1]), group(widths[1], widths[2]),
                         GlobalMaxTiedGradient() if tied_max_gradient else nn.AdaptiveMaxPool2d(1) if any_size else nn.MaxPool2d(3), nn.Flatten(), nn.Linear(widths[2], 10, bias=False), Scale(1 / 9))


def init_whitening(layer, images, eps=5e-4):
    """Eigenvectors of the 2x2 patch covariance, scaled to unit variance, and their negatives."""
    c, (h, w) = images.shape[1], layer.weight.shape[2:]
    patches = images.unfold(2, h, 1).unfold(3, w, 1).permute(0, 2, 3, 1, 4, 5).reshape(-1, c * h * w)
    # float64: the smallest eigenvalues are near eps, where float32's rounding shows (~4% off-diagonal).
    patches = patches.double()
    covariance = patches.T @ patches / len(patches)
    values, vectors = torch.linalg.eigh(covariance)
    values, vectors = values.flip(0), vectors.T.flip(0)
    filters = (vectors / torch.sqrt(values + eps).view(-1, 1)).view(-1, c, h, w).to(layer.weight.dtype)
    with torch.no_grad():
        layer.weight.copy_(torch.cat([filters, -filters]))


def augmented_epochs(images, flip, translate, generator):
    """airbench's data order: each image mirrored by one fixed coin, all mirrored again every
    other epoch; a fresh reflect-padded crop per epoch."""
    base = images
    if flip:
        coins = (torch.rand(len(images), generator=generator) < 0.5).to(images.device)
        base = torch.where(coins.view(-1, 1, 1, 1), images.flip(-1), images)
    padded = F.pad(base, (translate,) * 4, mode="reflect") if translate else base
    epoch = 0
    while True:
        if translate:
            shifts = torch.randint(0, 2 * translate + 1, (len(images), 2), generator=generator).to(images.device)
            out = torch.empty_like(images)
            for dy in range(2 * translate + 1):
                for dx in range(2 * translate + 1):
                    mask = (shifts[:, 0] == dy) & (shifts[:, 1] == dx)
                    out[mask] = padded[mask, :, dy:dy + 32, dx:dx + 32]
        else:
            out = base
        yield out.flip(-1) if flip and epoch % 2 == 1 else out
        epoch += 1


@torch.no_grad()
def evaluate(model, images, labels, tta, batch=1000):
    """Top-1 accuracy: tta 0 none, 1 mirror, 2 mirror and 1-pixel translations (airbench's)."""
    model.eval()
    correct = 0
    for start in range(0, len(images), batch):
        x = images[start:start + batch]
        logits = model(x)
        if tta >= 1:
            logits = 0.5 * logits + 0.5 * model(x.flip(-1))
        if tta >= 2:
            padded = F.pad(x, (1,) * 4, mode="reflect")
            shifted = [padded[:, :, :32, :32], padded[:, :, 2:, 2:]]
            logits_shift = torch.stack([0.5 * model(s) + 0.5 * model(s.flip(-1)) for s in shifted]).mean(0)
            logits = 0.5 * logits + 0.5 * logits_shift
        correct += (logits.argmax(1) == labels[start:start + batch]).sum().item()
    model.train()
    return correct / len(images)


def orthogonalize(g, steps=5):
    """Newton-Schulz iteration towards U V^T of g = U S V^T (Jordan et al. 2024, Muon): the quintic
    whose slope at 0 is steepest, so singular values land near 1 (0.7-1.2) in 5 steps, not exactly."""
    a, b, c = 3.4445, -4.7750, 2.0315
    x = g / (g.norm() + 1e-7)
    tall = x.shape[0] > x.shape[1]
    if tall:
        x = x.T
    for _ in range(steps):
        s = x @ x.T
        x = a * x + (b * s + c * s @ s) @ x
    return x.T if tall else x


class Muon(torch.optim.Optimizer):
    """Muon for conv filters as airbench94_muon.py uses it: Nesterov momentum, each filter bank
    scaled back to norm sqrt(out channels), then a step along the orthogonalized momentum. As in
    airbench94_muon and ours, no weight decay (`weight_decay` adds one to the gradient)."""

    def __init__(self, params, lr, momentum=0.6, weight_decay=0.0):
        super().__init__(params, dict(lr=lr, momentum=momentum, weight_decay=weight_decay))

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            for p in group["params"]:
                buf = self.state[p].setdefault("momentum_buffer", torch.zeros_like(p))
                grad = p.grad.add(p, alpha=group["weight_decay"])
                buf.mul_(group["momentum"]).add_(grad)
                g = grad.add(buf, alpha=group["momentum"])
                p.mul_(len(p) ** 0.5 / p.norm())
                p.add_(orthogonalize(g.reshape(len(g), -1)).view(g.shape), alpha=-group["lr"])


def torch_weight(model, name):
    """The PyTorch tensor of our weight `name` (tfjs layer/weight), and how to lay ours out for it."""
    layer, kind = name.split("/")
    if layer == "stem_whitening":
        return model[0].weight, "conv"
    if layer == "classifier":
        return model[7].weight, "dense"
    stage = int(layer[len("stage")]) + 1
    module = model[stage][0 if layer.endswith("_conv") else 2 if layer.endswith("_bn") else 4 if layer.endswith("conv1") else 5]
    if kind == "kernel":
        return module.weight, "conv"
    return getattr(module, {"gamma": "weight", "beta": "bias", "moving_mean": "running_mean", "moving_variance": "running_var"}[kind]), "vector"


def read_weight(directory, entry):
    values = np.fromfile(f"{directory}/{entry['file']}", dtype=np.float32).reshape(entry["shape"])
    return torch.from_numpy(values)


def as_torch_layout(values, layout):
    # tfjs keeps conv kernels as [h, w, in, out] and dense ones as [in, out].
    return values.permute(3, 2, 0, 1) if layout == "conv" else values.T if layout == "dense" else values


def parity(args):
    """Each of our steps (written by airbench-parity.mjs) taken again in PyTorch from our state before it."""
    d = args.parity
    with open(f"{d}/manifest.json") as f:
        manifest = json.load(f)
    torch.set_num_threads(args.threads)
    n = manifest["steps"] * manifest["batch"]
    images = torch.from_numpy(np.fromfile(f"{d}/images.f32", dtype=np.float32).reshape(n, *manifest["imageShape"]))
    images = images.permute(0, 3, 1, 2).contiguous()
    labels = torch.from_numpy(np.fromfile(f"{d}/labels.i32", dtype=np.int32).astype(np.int64))
    model = make_net((64, 256, 256), "relu", manifest["batchNormMomentum"])
    model[0].bias.requires_grad = False  # ours has no whitening bias
    bn_training = manifest["batchNormTraining"]
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.weight.requires_grad = bn_training.get("trainScale", True)
    decayed = [m.weight for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear)) and m is not model[0]]
    if manifest["optimizer"]["name"] == "muon":
        # Ours leaves the filters' L2 out of the loss with Muon, which fixes their norm instead.
        decayed = [w for w in decayed if w.ndim != 4]
    bn_biases = [m.bias for m in model.modules() if isinstance(m, nn.BatchNorm2d)]
    bias_scale = bn_training.get("biasLrScale", 1)
    opt = manifest["optimizer"]
    # One group, the BatchNorm biases' gradients scaled as ours scales them: the momentum buffers then mean the same.
    trained = [p for p in model.parameters() if p.requires_grad]
    filters = [p for p in trained if p.ndim == 4] if opt["name"] == "muon" else []
    optimizer = torch.optim.SGD([p for p in trained if all(p is not q for q in filters)], lr=opt["lr"],
                                momentum=opt.get("momentum", 0), nesterov=opt.get("nesterov", False))
    muon = Muon(filters, lr=opt["muonLr"], momentum=opt["muonMomentum"]) if filters else None
    loss_fn = nn.CrossEntropyLoss(label_smoothing=manifest["labelSmoothing"])
    weights = {entry["name"]: (entry, *torch_weight(model, entry["name"])) for entry in manifest["weights"]}
    momentum_of = {f"{entry['variable']}/{slot}": name for name, (entry, _, _) in weights.items() for slot in ("momentum", "muon_momentum")}

    def load_state(step):
        with torch.no_grad():
            for entry, target, layout in weights.values():
                target.copy_(as_torch_layout(read_weight(f"{d}/step-{step}", entry), layout))
        optimizer.state.clear()
        if muon:
            muon.state.clear()
        for slot in manifest["slots"] if step > 0 else []:
            entry, target, layout = weights[momentum_of[slot["name"]]]
            values = np.fromfile(f"{d}/step-{step}/{slot['file']}", dtype=np.float32).reshape(entry["shape"])
            owner = muon if slot["name"].endswith("/muon_momentum") else optimizer
            owner.state[target]["momentum_buffer"] = as_torch_layout(torch.from_numpy(values), layout).clone()

    print("step  lr        loss (ours)  loss (PyTorch)  worst update difference, weights (which)      moving statistics")
    worst = dict(loss=0.0, weights=0.0, moving=0.0)
    for i, entry in enumerate(manifest["log"]):
        load_state(i)
        optimizer.param_groups[0]["lr"] = entry["lr"]
        if muon:
            muon.param_groups[0]["lr"] = opt["muonLr"] * entry["lr"] / opt["lr"]
        idx = slice(i * manifest["batch"], (i + 1) * manifest["batch"])
        loss = loss_fn(model(images[idx]), labels[idx]) + manifest["weightDecay"] * sum((w * w).sum() for w in decayed)
        optimizer.zero_grad(set_to_none=True)
        if muon:
            muon.zero_grad(set_to_none=True)
        loss.backward()
        for b in bn_biases:
            b.grad.mul_(bias_scale)
        optimizer.step()
        if muon:
            muon.step()
        # |update (PyTorch) - update (ours)| / |update (ours)| for each weight that moved.
        differences = {}
        for name, (w, target, layout) in weights.items():
            before = as_torch_layout(read_weight(f"{d}/step-{i}", w), layout)
            ours = as_torch_layout(read_weight(f"{d}/step-{i + 1}", w), layout) - before
            if ours.norm().item() > 0:
                differences[name] = ((target.detach() - before) - ours).norm().item() / ours.norm().item()
        trained = {k: v for k, v in differences.items() if "/moving_" not in k}
        moving = max(v for k, v in differences.items() if "/moving_" in k)
        which = max(trained, key=trained.get)
        worst = dict(loss=max(worst["loss"], abs(loss.item() - entry["loss"]) / abs(entry["loss"])),
                     weights=max(worst["weights"], trained[which]), moving=max(worst["moving"], moving))
        print(f"{entry['step']:4d}  {entry['lr']:.6f}  {entry['loss']:.6f}     {loss.item():.6f}        "
              f"{trained[which]:.2e} ({which}){' ' * max(0, 28 - len(which))}{moving:.2e}")
    # Moving variances differ by PyTorch's unbiased batch variance (n / (n - 1), n = batch x height x width).
    print("RESULT " + json.dumps(dict(steps=len(manifest["log"]), worst_loss_difference=worst["loss"],
                                      worst_weight_update_difference=worst["weights"],
                                      worst_moving_statistics_difference=worst["moving"])))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", default="../shared/datasets/cifar-10/cifar-10-binary.tar.gz")
    p.add_argument("--device", default="cpu", choices=["cpu", "cuda"])
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--epochs", type=float, help="default: 9.9, or 10 with --as-shipped")
    p.add_argument("--batch-size", type=int, help="default: 1,024, or 512 with --as-shipped")
    p.add_argument("--activation", default="gelu", choices=["gelu", "relu"])
    p.add_argument("--whiten-bias-epochs", type=int, default=3)
    p.add_argument("--bn-momentum", type=float, default=0.6)
    p.add_argument("--no-bn-bias-decay", dest="bn_bias_decay", action="store_false",
                   help="no weight decay on the BatchNorm biases (ours has none)")
    p.add_argument("--holdout", type=int, default=0, help="last N training images left out (ours: 1000)")
    p.add_argument("--limit", type=int, default=0, help="train on the first N images only (smoke tests)")
    p.add_argument("--test-limit", type=int, default=0, help="score the first N test images only (smoke tests)")
    p.add_argument("--as-shipped", action="store_true",
                   help="our recipe's translation: ReLU, batch 512, no whitening bias, no decay on BatchNorm "
                        "biases, 1,000 held out, 10 epochs unless --epochs says")
    # Where our trainer does what airbench does a little differently; each can be turned on alone.
    p.add_argument("--keep-last-batch", action="store_true",
                   help="train on the last partial batch too (ours: 96 steps of 512 per epoch of 49,000, not 95)")
    p.add_argument("--whiten-augmented", action="store_true",
                   help="fit the whitening on the first 5,000 images as epoch 1 shows them, flipped, cropped "
                        "and shuffled (ours), not on the first 5,000 raw training images")
    p.add_argument("--lookahead-per-epoch", action="store_true",
                   help="Lookahead's slow copies taken afresh at each epoch's start and updated at its end (ours)")
    p.add_argument("--tied-max-gradient", action="store_true",
                   help="the head's max pooling gives its whole gradient to every tied maximum, as ours did "
                        "before 2026-12-01 (tfjs's Max gradient), not to the first")
    p.add_argument("--muon-lr", type=float,
                   help="train the conv filters (not the whitening) with Muon at this peak lr, on the same "
                        "schedule, momentum 0.6 (airbench94_muon: 0.24 at batch 2,000)")
    p.add_argument("--muon-decay", action="store_true",
                   help="Muon's gradient with the L2 term, as ours had it at first (airbench94_muon and ours: none)")
    p.add_argument("--no-lookahead", dest="lookahead", action="store_false")
    p.add_argument("--low-res", type=int, default=0, metavar="N",
                   help="progressive resizing: train the first --low-res-fraction of the steps on the augmented "
                        "images scaled down to N x N (bilinear), the rest at 32 x 32")
    p.add_argument("--low-res-fraction", type=float, default=0.5)
    p.add_argument("--label-smoothing", type=float, default=0.2)
    p.add_argument("--whiten-eps", type=float, default=5e-4,
                   help="added to the patch covariance's eigenvalues before whitening (airbench: 5e-4)")
    p.add_argument("--out", help="write the result JSON here too")
    p.add_argument("--parity", metavar="DIR", help="repeat the steps benchmarks/airbench-parity.mjs wrote in DIR")
    args = p.parse_args()
    if args.parity:
        return parity(args)
    if args.as_shipped:
        args.activation, args.whiten_bias_epochs, args.holdout = "relu", 0, 1000
        args.batch_size = args.batch_size or 512
        args.bn_bias_decay = False
    args.batch_size = args.batch_size or 1024
    if args.epochs is None:
        args.epochs = 10 if args.as_shipped else 9.9

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    device = torch.device(args.device)
    generator = torch.Generator().manual_seed(args.seed)

    train_u8, train_labels = read_split(args.data, [f"data_batch_{i}.bin" for i in range(1, 6)])
    test_u8, test_labels = read_split(args.data, ["test_batch.bin"])
    held_u8, held_labels = train_u8[len(train_u8) - args.holdout:], train_labels[len(train_u8) - args.holdout:]
    train_u8, train_labels = train_u8[:len(train_u8) - args.holdout], train_labels[:len(train_u8) - args.holdout]
    if args.limit:
        train_u8, train_labels = train_u8[:args.limit], train_labels[:args.limit]
    if args.test_limit:
        test_u8, test_labels = test_u8[:args.test_limit], test_labels[:args.test_limit]
    train = normalize(train_u8).to(device).contiguous(memory_format=torch.channels_last)
    test = normalize(test_u8).to(device).contiguous(memory_format=torch.channels_last)
    held = normalize(held_u8).to(device).contiguous(memory_format=torch.channels_last)
    train_labels, test_labels, held_labels = train_labels.to(device), test_labels.to(device), held_labels.to(device)

    # airbench's decoupled hyperparameters, per 1,024 images, on a summed loss.
    momentum = 0.85
    kilostep = 1024 * (1 + 1 / (1 - momentum))
    lr = 11.5 / kilostep
    wd = 0.0153 * args.batch_size / kilostep
    lr_bias = lr * 64

    start = time.time()
    model = make_net((64, 256, 256), args.activation, args.bn_momentum, args.tied_max_gradient, any_size=args.low_res > 0).to(device).to(memory_format=torch.channels_last)
    epochs = augmented_epochs(train, flip=True, translate=2, generator=generator)
    first_epoch = next(epochs)
    first_order = torch.randperm(len(train), generator=generator).to(device)
    init_whitening(model[0], first_epoch[first_order[:5000]] if args.whiten_augmented else train[:5000], args.whiten_eps)
    whiten_bias = model[0].bias
    norm_biases = [p for n, p in model.named_parameters() if p.requires_grad and p.ndim == 1 and p is not whiten_bias]
    others = [p for p in model.parameters() if p.requires_grad and all(p is not q for q in norm_biases)]
    filters = [p for p in others if p.ndim == 4] if args.muon_lr else []
    others = [p for p in others if all(p is not q for q in filters)]
    optimizer = torch.optim.SGD([dict(params=norm_biases, lr=lr_bias, weight_decay=wd / lr_bias if args.bn_bias_decay else 0),
                                 dict(params=others, lr=lr, weight_decay=wd / lr)], momentum=momentum, nesterov=True)
    optimizers = [optimizer] + ([Muon(filters, lr=args.muon_lr, weight_decay=wd / lr if args.muon_decay else 0)] if filters else [])
    steps_per_epoch = (math.ceil if args.keep_last_batch else math.floor)(len(train) / args.batch_size)
    total = math.ceil(steps_per_epoch * args.epochs)
    warmup = int(total * 0.23)
    low_res_steps = round(total * args.low_res_fraction) if args.low_res else 0
    # airbench's Lookahead every 5 steps of 1,024 images: the same number of images at any batch.
    lookahead_every = max(1, round(5 * 1024 / args.batch_size))

    def lr_factor(step):
        if step < warmup:
            return 0.2 + 0.8 * step / warmup
        return 1 - 0.93 * (step - warmup) / (total - warmup)

    schedulers = [torch.optim.lr_scheduler.LambdaLR(o, lr_factor) for o in optimizers]
    slow = {k: v.clone() for k, v in model.state_dict().items()}

    def lookahead(decay):
        for k, v in model.state_dict().items():
            if v.is_floating_point():
                slow[k].lerp_(v, 1 - decay)
                v.copy_(slow[k])

    loss_fn = nn.CrossEntropyLoss(label_smoothing=args.label_smoothing, reduction="none")
    step = 0
    for epoch in range(math.ceil(args.epochs)):
        whiten_bias.requires_grad = epoch < args.whiten_bias_epochs
        if epoch == 0:
            images, order = first_epoch, first_order
        else:
            images = next(epochs)
            order = torch.randperm(len(images), generator=generator).to(device)
        if args.lookahead_per_epoch:
            slow = {k: v.clone() for k, v in model.state_dict().items()}
        last_lookahead = -1
        loss_sum, seen = 0.0, 0
        epoch_start = time.time()
        for b in range(steps_per_epoch):
            idx = order[b * args.batch_size:(b + 1) * args.batch_size]
            x = images[idx]
            if step < low_res_steps:
                x = F.interpolate(x, size=(args.low_res, args.low_res), mode="bilinear", align_corners=False)
            loss = loss_fn(model(x), train_labels[idx]).sum()
            # Ours takes the mean loss: a partial batch steps as far as a full one.
            step_loss = loss * (args.batch_size / len(idx))
            for o in optimizers:
                o.zero_grad(set_to_none=True)
            step_loss.backward()
            for o in optimizers:
                o.step()
            for s in schedulers:
                s.step()
            step += 1
            loss_sum, seen = loss_sum + loss.item(), seen + len(idx)
            if args.lookahead and step % lookahead_every == 0:
                lookahead(0.95 ** 5 * (step / total) ** 3)
                last_lookahead = step
            if step >= total:
                if args.lookahead:
                    lookahead(1.0)
                last_lookahead = step
                break
        if args.lookahead and args.lookahead_per_epoch and last_lookahead != step:
            lookahead(0.95 ** 5 * (step / total) ** 3)
        seconds = time.time() - epoch_start
        # `val` (the held-out images) is the one to choose settings by; `test` is printed to follow the run.
        scores = dict(val=evaluate(model, held, held_labels, 0)) if len(held) else {}
        scores["test"] = evaluate(model, test, test_labels, 0)
        print("EPOCH " + json.dumps(dict(epoch=epoch + 1, loss=round(loss_sum / seen, 4), **scores,
                                         images_per_s=round(seen / seconds, 1))), flush=True)
    wall = time.time() - start
    # The last epoch's scores are the final model's: nothing changes it after them.
    result = dict(args=vars(args), torch=torch.__version__, wall_s=round(wall, 1), **scores,
                  test_flip=evaluate(model, test, test_labels, 1), test_tta2=evaluate(model, test, test_labels, 2))
    print("RESULT " + json.dumps(result), flush=True)
    if args.out:
        with open(args.out, "w") as f:
            json.dump(result, f, indent=2)


if __name__ == "__main__":
    main()
