#!/usr/bin/env python3
"""PyTorch reference for the time-to-quality bench (scripts/bench/sections/timeToQuality.ts).

The same model and recipe as `npm run train` (DSM phase only): U(x, t) = |x|^2 / (2 v_t) + MLP(x, emb(t)),
a SiLU MLP on x and Fourier time features, score = -grad_x U, VP SDE, sigma^2-weighted denoising
score matching, Adam with a 200-step warm-up and cosine decay, an EMA of the weights whose decay
ramps as min(cap, (1+k)/(10+k)). Training data come from the bench as a float32 file of
standardised points, consumed in order, so both engines see draws of the same law. At the
requested steps the EMA weights are saved; after training each is loaded into a fresh model and
sampled by reverse-SDE Euler-Maruyama (CSV of standardised points, header x,y), timed from
the load. Prints one JSON line with the timings. Written for this bench; no code from elsewhere.
"""

import argparse
import json
import math
import os
import time

import numpy as np
import torch
from torch import nn


def parse():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", required=True, help="float32 file of standardised training points [M, 2]")
    p.add_argument("--out", required=True, help="folder for checkpoints, sample CSVs and result.json")
    p.add_argument("--steps", type=int, default=6000)
    p.add_argument("--batch", type=int, default=1024)
    p.add_argument("--hidden", default="128,128,128")
    p.add_argument("--features", type=int, default=16)
    p.add_argument("--freq-min", type=float, default=0.5)
    p.add_argument("--freq-max", type=float, default=64.0)
    p.add_argument("--lr", type=float, default=2e-3)
    p.add_argument("--lr-final", type=float, default=0.02)
    p.add_argument("--warmup", type=int, default=200)
    p.add_argument("--ema", type=float, default=0.999)
    p.add_argument("--beta-min", type=float, default=0.1)
    p.add_argument("--beta-max", type=float, default=20.0)
    p.add_argument("--t-min", type=float, default=1e-3)
    p.add_argument("--threads", type=int, default=1, help="torch threads (0: all cores)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--save-at", default="", help="comma-separated steps at which to save the EMA weights (the last step always)")
    p.add_argument("--sample-steps", type=int, default=500)
    p.add_argument("--sample-n", type=int, default=4000)
    p.add_argument("--sample-seeds", default="1,2,3")
    return p.parse_args()


class VP:
    def __init__(self, b0, b1, t_min):
        self.b0, self.b1, self.t_min = b0, b1, t_min

    def beta(self, t):
        return self.b0 + (self.b1 - self.b0) * t

    def alpha(self, t):
        return torch.exp(-0.25 * t * t * (self.b1 - self.b0) - 0.5 * t * self.b0)

    def sigma(self, t):
        return torch.sqrt(1 - self.alpha(t) ** 2)


class Potential(nn.Module):
    def __init__(self, hidden, features, freq_min, freq_max, sde, generator):
        super().__init__()
        k = torch.arange(features, dtype=torch.float64)
        freqs = freq_min * (freq_max / freq_min) ** (k / max(1, features - 1))
        self.register_buffer("freqs", freqs.float())
        sizes = [2 + 2 * features, *hidden, 1]
        self.layers = nn.ModuleList(nn.Linear(a, b) for a, b in zip(sizes[:-1], sizes[1:]))
        with torch.no_grad():
            for i, layer in enumerate(self.layers):
                fan_in, fan_out = layer.in_features, layer.out_features
                limit = 0.0 if i == len(self.layers) - 1 else math.sqrt(6 / (fan_in + fan_out))
                layer.weight.copy_((torch.rand(fan_out, fan_in, generator=generator) * 2 - 1) * limit)
                layer.bias.zero_()
            # The project's x-input gain (src/model/mlp.ts, X_INPUT_GAIN): SiLU units see O(x) inputs at init.
            self.layers[0].weight[:, :2] *= 4
        self.sde = sde

    def forward(self, x, t):
        wt = t[:, None] * self.freqs[None, :]
        h = torch.cat([x, torch.sin(wt), torch.cos(wt)], 1)
        for layer in self.layers[:-1]:
            h = nn.functional.silu(layer(h))
        a, s = self.sde.alpha(t), self.sde.sigma(t)
        v = a * a + s * s
        return (x * x).sum(1) / (2 * v) + self.layers[-1](h).squeeze(1)

    def grad_x(self, x, t, create_graph):
        x = x.detach().requires_grad_(True) if not x.requires_grad else x
        u = self(x, t)
        (g,) = torch.autograd.grad(u.sum(), x, create_graph=create_graph)
        return g


def learning_rate(a, k):
    warm = min(1.0, (k + 1) / max(1, a.warmup))
    progress = min(1.0, k / max(1, a.steps))
    return a.lr * warm * (a.lr_final + (1 - a.lr_final) * 0.5 * (1 + math.cos(math.pi * progress)))


def make_model(a, sde, seed):
    g = torch.Generator().manual_seed(seed)
    return Potential([int(w) for w in a.hidden.split(",")], a.features, a.freq_min, a.freq_max, sde, g)


def train(a, sde, data):
    torch.manual_seed(a.seed)
    model = make_model(a, sde, a.seed)
    ema = [p.detach().clone() for p in model.parameters()]
    opt = torch.optim.Adam(model.parameters(), lr=a.lr, betas=(0.9, 0.999), eps=1e-8)
    save_at = {int(s) for s in a.save_at.split(",") if s} | {a.steps}
    saved = {}
    clock = cpu = 0.0
    t0, c0 = time.perf_counter(), time.process_time()
    for k in range(a.steps):
        x0 = data[k * a.batch : (k + 1) * a.batch]
        t = sde.t_min + (1 - sde.t_min) * torch.rand(a.batch)
        z = torch.randn(a.batch, 2)
        al, s = sde.alpha(t)[:, None], sde.sigma(t)[:, None]
        xt = (al * x0 + s * z).requires_grad_(True)
        g = model.grad_x(xt, t, create_graph=True)
        loss = ((s * g - z) ** 2).sum(1).mean()
        for group in opt.param_groups:
            group["lr"] = learning_rate(a, k)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        d = min(a.ema, (1 + k) / (10 + k))
        with torch.no_grad():
            for e, p in zip(ema, model.parameters()):
                e.mul_(d).add_(p.detach(), alpha=1 - d)
        if not math.isfinite(loss.item()):
            raise SystemExit(f"loss became {loss.item()} at step {k + 1}")
        if k + 1 in save_at:
            clock += time.perf_counter() - t0
            cpu += time.process_time() - c0
            path = os.path.join(a.out, f"ema-{k + 1}.pt")
            torch.save([e.clone() for e in ema], path)
            saved[k + 1] = {"seconds": clock, "cpuSeconds": cpu, "path": path}
            t0, c0 = time.perf_counter(), time.process_time()
    return saved


def em_samples(model, sde, steps, n, seed):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(n, 2, generator=g)
    grid = [1 - (1 - sde.t_min) * k / steps for k in range(steps)] + [sde.t_min]
    for k in range(steps):
        t, tn = grid[k], grid[k + 1]
        h = t - tn
        tt = torch.full((n,), t)
        beta = sde.beta(torch.tensor(t)).item()
        with torch.enable_grad():
            score_u = model.grad_x(x, tt, create_graph=False)
        v = 0.5 * beta * x - beta * score_u
        x = (x + h * v + math.sqrt(beta * h) * torch.randn(n, 2, generator=g)).detach()
    return x


def sample_from(a, sde, path, seed):
    """Wall-clock (and CPU seconds, all threads) from loading the saved weights to the samples in memory."""
    t0, c0 = time.perf_counter(), time.process_time()
    model = make_model(a, sde, a.seed)
    with torch.no_grad():
        for p, e in zip(model.parameters(), torch.load(path)):
            p.copy_(e)
    x = em_samples(model, sde, a.sample_steps, a.sample_n, seed)
    return x, time.perf_counter() - t0, time.process_time() - c0


def matmul_ms():
    """Median ms of one [1024, 128]·[128, 128] product: the unit the bench counts arithmetic in."""
    a, w = torch.randn(1024, 128), torch.randn(128, 128)
    times = []
    for _ in range(30):
        t0 = time.perf_counter()
        a @ w
        times.append(time.perf_counter() - t0)
    return 1000 * sorted(times)[len(times) // 2]


def main():
    a = parse()
    torch.set_num_threads(a.threads if a.threads > 0 else os.cpu_count() or 1)
    os.makedirs(a.out, exist_ok=True)
    sde = VP(a.beta_min, a.beta_max, a.t_min)
    data = torch.from_numpy(np.fromfile(a.data, dtype="<f4").reshape(-1, 2).copy())
    if data.shape[0] < a.steps * a.batch:
        raise SystemExit(f"{a.data}: {data.shape[0]} points; {a.steps} steps of {a.batch} need {a.steps * a.batch}")
    saved = train(a, sde, data)
    result = {"torch": torch.__version__, "threads": torch.get_num_threads(), "matmulMs": matmul_ms(), "checkpoints": []}
    for step, info in sorted(saved.items()):
        samples = []
        for seed in [int(s) for s in a.sample_seeds.split(",") if s]:
            x, seconds, cpu = sample_from(a, sde, info["path"], seed)
            csv = os.path.join(a.out, f"em-{step}-seed{seed}.csv")
            np.savetxt(csv, x.numpy(), delimiter=",", header="x,y", comments="", fmt="%.6g")
            samples.append({"seed": seed, "seconds": seconds, "cpuSeconds": cpu, "csv": csv})
        result["checkpoints"].append({"step": step, "trainSeconds": info["seconds"], "trainCpuSeconds": info["cpuSeconds"], "samples": samples})
    print(json.dumps(result))


if __name__ == "__main__":
    main()
