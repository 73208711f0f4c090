#!/usr/bin/env python3
"""Writes src/test/resources/dev/taskspace/internal/numpy-2x3.npy with numpy itself, so the
Java test can check that taskspace's .npy files are byte-for-byte what numpy writes.

Usage (Debian: apt-get install python3-numpy): /usr/bin/python3 scripts/npy_fixture.py
"""
import os

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
out = os.path.join(ROOT, "src", "test", "resources", "dev", "taskspace", "internal", "numpy-2x3.npy")
np.save(out, np.array([[1.0, -2.5, 3.25], [0.0, 1e-7, -1e30]], dtype="<f4"))
print("wrote", out)

# float16: numpy's rounding (nearest, ties to even) of float32 values that probe every case:
# ties between two halves, subnormal halves, the overflow edge, and ordinary unit-vector values.
rng = np.random.default_rng(42)
edges = np.array([0.0, -0.0, 1.0, -1.0, 65504.0, 65519.99, 65520.0, 1e9, -1e9, 6.1035156e-05, 6.0975552e-05,
                  5.9604645e-08, 2.9802322e-08, 2.9802326e-08, 1e-9, 1.0 + 2.0 ** -11, 1.0 + 3 * 2.0 ** -11,
                  1.0 + 2.0 ** -11 + 2.0 ** -20, 2.0 ** -24 * 1.5, 2.0 ** -24 * 2.5, np.inf, -np.inf], dtype="<f4")
ties = (np.arange(-512, 512, dtype="<f4") + 0.5) * np.float32(2.0 ** -10)  # halfway between halves near 0.5
values = np.concatenate([edges, ties, rng.standard_normal(2000).astype("<f4") * np.float32(0.05),
                         rng.standard_normal(1000).astype("<f4") * np.float32(1e-5)])
values = np.resize(values, (len(values) // 16, 16)).astype("<f4")
here = os.path.join(ROOT, "src", "test", "resources", "dev", "taskspace", "internal")
np.save(os.path.join(here, "float16-in-f4.npy"), values)
np.save(os.path.join(here, "float16-out-f2.npy"), values.astype("<f2"))
np.save(os.path.join(here, "float16-back-f4.npy"), values.astype("<f2").astype("<f4"))
print("wrote the float16 fixtures in", here)
