#!/usr/bin/env python3
"""Dynamic int8 quantization of a Qwen3 ONNX export, for benchmarking the engine's int8 path.

ONNX Runtime's Python package (whose onnxruntime.quantization.quantize_dynamic makes the
onnx-community "model_int8.onnx" exports) is not installable here, so this does the same
rewrite with the plain `onnx` package: every MatMul whose second input is a 2-D weight becomes

    x_q, x_scale, x_zp = DynamicQuantizeLinear(x)         (uint8, per call, shared by consumers of x)
    y = Mul(Cast(MatMulInteger(x_q, W_q, x_zp, 0), float), Mul(x_scale, W_scale))

with W_q int8, symmetric, one scale per tensor (quantize_dynamic's defaults: QInt8 weights,
per_channel=False). ONNX Runtime fuses this into DynamicQuantizeMatMul. The attention
products (activation x activation) and the token embedding stay fp32, as in quantize_dynamic's
MatMul handling of weights. Weights are random in the benchmark model, so only the speed (and
the shape of the work) is meaningful, not the vectors.

    /usr/bin/python3 scripts/qwen3_int8.py /tmp/qwen3-0.6b-random /tmp/qwen3-0.6b-random-int8

Needs ~6 GB of RAM for the 0.6B shape; about a minute.
"""
import os
import shutil
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def quantize(src_dir, out_dir):
    model = onnx.load(os.path.join(src_dir, "onnx", "model.onnx"), load_external_data=True)
    graph = model.graph
    inits = {i.name: i for i in graph.initializer}
    weights = {}
    nodes = []
    dql = {}  # activation name -> (q, scale, zp) outputs
    count = 0
    for node in graph.node:
        w = inits.get(node.input[1]) if node.op_type == "MatMul" and len(node.input) == 2 else None
        if w is None or len(w.dims) != 2 or w.data_type != TensorProto.FLOAT:
            nodes.append(node)
            continue
        x, y, base = node.input[0], node.output[0], node.name or node.output[0]
        if x not in dql:
            outs = [x + "_quantized", x + "_scale", x + "_zero_point"]
            nodes.append(helper.make_node("DynamicQuantizeLinear", [x], outs, name=x + "_QuantizeLinear"))
            dql[x] = outs
        xq, xs, xz = dql[x]
        wf = numpy_helper.to_array(w)
        scale = np.float32(max(np.abs(wf).max(), 1e-12) / 127.0)
        wq = np.clip(np.rint(wf / scale), -127, 127).astype(np.int8)
        weights[w.name + "_quantized"] = numpy_helper.from_array(wq, w.name + "_quantized")
        weights[w.name + "_scale"] = numpy_helper.from_array(np.array(scale, dtype=np.float32), w.name + "_scale")
        weights[w.name + "_zero_point"] = numpy_helper.from_array(np.array(0, dtype=np.int8), w.name + "_zero_point")
        nodes.append(helper.make_node("MatMulInteger", [xq, w.name + "_quantized", xz, w.name + "_zero_point"],
                                      [base + "_int32"], name=base + "_quant"))
        nodes.append(helper.make_node("Cast", [base + "_int32"], [base + "_float"], to=TensorProto.FLOAT,
                                      name=base + "_cast"))
        nodes.append(helper.make_node("Mul", [xs, w.name + "_scale"], [base + "_scales"], name=base + "_scales_mul"))
        nodes.append(helper.make_node("Mul", [base + "_float", base + "_scales"], [y], name=base + "_output_mul"))
        count += 1
    used = {i for n in nodes for i in n.input}
    kept = [i for i in graph.initializer if i.name in used]
    del graph.node[:]
    graph.node.extend(nodes)
    del graph.initializer[:]
    graph.initializer.extend(kept + [t for n, t in weights.items() if n in used])
    os.makedirs(os.path.join(out_dir, "onnx"), exist_ok=True)
    target = os.path.join(out_dir, "onnx", "model.onnx")
    for f in (target, target + "_data"):
        if os.path.exists(f):
            os.remove(f)
    onnx.save_model(model, target, save_as_external_data=True, all_tensors_to_one_file=True,
                    location="model.onnx_data", size_threshold=1024)
    for f in ("tokenizer.json", "config.json"):
        shutil.copy(os.path.join(src_dir, f), os.path.join(out_dir, f))
    print("quantized %d MatMuls (%d shared activation quantizers) -> %s" % (count, len(dql), target))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: qwen3_int8.py SRC_DIR OUT_DIR")
    quantize(sys.argv[1], sys.argv[2])
