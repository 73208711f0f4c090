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
