"""PyTorch side of the kit's benchmark: the same networks, inputs, optimiser and timing as
resnetkit.bench.CaseRunner, so that the Java suite can print DL4J / PyTorch per row.

usage: python3 torch_bench.py MODEL BATCH WARMUP REPS THREADS
Prints lines "RESULT model batch mode img_per_s peak_mib", as the Java runner does.
Needs only torch (Debian: apt-get install python3-torch); torchvision is not used.
"""
import resource
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class Basic(nn.Module):
    """CIFAR basic block: 3x3 conv, BN, ReLU, 3x3 conv, BN, + shortcut (option A, or none for plain nets), ReLU."""

    def __init__(self, cin, cout, stride, residual):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.residual = residual
        self.pad = cout - cin

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        if self.residual:
            shortcut = x
            if self.pad:  # option A: every second pixel, zero channels appended
                shortcut = F.pad(x[:, :, ::2, ::2], (0, 0, 0, 0, 0, self.pad))
            out = out + shortcut
        return F.relu(out)


def cifar(depth, residual, width=16, classes=10):
    n = (depth - 2) // 6
    layers = [nn.Conv2d(3, width, 3, 1, 1, bias=False), nn.BatchNorm2d(width), nn.ReLU()]
    cin = width
    for stage in range(3):
        cout = width << stage
        for b in range(n):
            layers.append(Basic(cin, cout, 2 if stage > 0 and b == 0 else 1, residual))
            cin = cout
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(cin, classes)]
    return nn.Sequential(*layers)


class Bottleneck(nn.Module):
    """torchvision's bottleneck: 1x1, 3x3 (stride here), 1x1 x4, projection shortcut when the shape changes."""

    def __init__(self, cin, planes, stride):
        super().__init__()
        cout = planes * 4
        self.conv1 = nn.Conv2d(cin, planes, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, stride, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.conv3 = nn.Conv2d(planes, cout, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(cout)
        self.downsample = None
        if stride != 1 or cin != cout:
            self.downsample = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = F.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        return F.relu(out + (x if self.downsample is None else self.downsample(x)))


def resnet50(classes=1000):
    layers = [nn.Conv2d(3, 64, 7, 2, 3, bias=False), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(3, 2, 1)]
    cin = 64
    for stage, blocks in enumerate([3, 4, 6, 3]):
        planes = 64 << stage
        for b in range(blocks):
            layers.append(Bottleneck(cin, planes, 2 if stage > 0 and b == 0 else 1))
            cin = planes * 4
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(cin, classes)]
    return nn.Sequential(*layers)


MODELS = {
    "resnet20": (lambda: cifar(20, True), 32, 10, True),
    "resnet56": (lambda: cifar(56, True), 32, 10, True),
    "plain56": (lambda: cifar(56, False), 32, 10, True),
    "resnet50": (resnet50, 224, 1000, False),
}


def median(warmup, reps, step):
    for _ in range(warmup):
        step()
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return sorted(times)[reps // 2]


def peak_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024  # Linux reports KiB


def main():
    model_id, batch, warmup, reps, threads = sys.argv[1], *map(int, sys.argv[2:6])
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    build, side, classes, trains = MODELS[model_id]
    net = build()
    x = torch.rand(batch, 3, side, side)
    y = torch.arange(batch) % classes
    if trains:
        net.train()
        opt = torch.optim.Adam(net.parameters(), lr=1e-3)

        def train_step():
            opt.zero_grad()
            F.cross_entropy(net(x), y).backward()
            opt.step()

        t = median(warmup, reps, train_step)
        print(f"RESULT {model_id} {batch} training {batch / t:.3f} {peak_mib()}", flush=True)
    net.eval()

    def infer_step():
        with torch.no_grad():
            net(x)

    t = median(warmup, reps, infer_step)
    print(f"RESULT {model_id} {batch} inference {batch / t:.3f} {peak_mib()}", flush=True)


if __name__ == "__main__":
    main()
