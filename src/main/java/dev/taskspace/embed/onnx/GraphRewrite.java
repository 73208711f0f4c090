package dev.taskspace.embed.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.CodedInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rewrites a BERT-style graph so that ONNX Runtime runs its residual layer norms with one fast
 * kernel, before the session is made.
 *
 * <p>PyTorch exports each {@code LayerNorm(residual + dense(x) + bias)} as a chain of small
 * operators, which ONNX Runtime's own optimiser folds into an {@code Add} and a
 * {@code LayerNormalization}; that kernel is slow on CPU (a profile of bge-small-en-v1.5, one
 * thread, 5 x 200 tokens: 13% of the time in 25 layer norms, 4% in adds; 28% in its int8
 * version; {@code EmbedBench profile --bundled}). This pass replaces
 * the whole chain, bias and residual adds included, with ONNX Runtime's
 * {@code com.microsoft.SkipLayerNormalization}, which computes the same thing 5x faster:
 *
 * <pre>
 *   X = Add(Add(bias, Y), R)                       SkipLayerNormalization(Y, R, gamma, beta, bias)
 *   m = ReduceMean(X)       d = Sub(X, m)
 *   v = ReduceMean(Pow(d, 2))                ==>   epsilon = eps
 *   out = Add(Mul(Div(d, Sqrt(Add(v, eps))), gamma), beta)
 * </pre>
 *
 * <p>Newer exports (opset 17) write ONNX's own {@code LayerNormalization} instead of the chain;
 * its residual and bias adds are folded the same way. Only these exact shapes are matched (the
 * last axis, exponent 2, one-dimensional bias/gamma/beta weights, no intermediate used
 * elsewhere), so a graph it does not recognise is left as it is. In float models the vectors
 * stay the same to about 1e-6; in dynamically quantized models the layer norms' last bits change
 * which way some activations round to int8, which moves vectors by a median cosine of 0.998,
 * inside the quantization's own error (BENCHMARKS.md). Models with external weight files (Qwen3)
 * are never rewritten.
 */
final class GraphRewrite {
    /** Models larger than this are not parsed (protobuf's limit is 2 GB; these are not BERT-small). */
    static final long MAX_BYTES = 1L << 30;

    /** The rewritten model and how many layer norms it fused. */
    record Result(byte[] model, int fused) {}

    private GraphRewrite() {}

    /** The rewritten model, or empty when the file has nothing to rewrite (or cannot be read as one file). */
    static Optional<Result> skipLayerNorms(Path onnxFile) {
        try {
            if (Files.size(onnxFile) > MAX_BYTES) return Optional.empty();
            byte[] bytes = Files.readAllBytes(onnxFile);
            CodedInputStream in = CodedInputStream.newInstance(bytes);
            in.enableAliasing(true); // weights stay views of `bytes` instead of copies
            in.setSizeLimit(Integer.MAX_VALUE);
            return skipLayerNorms(ModelProto.parseFrom(in));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // not ours to judge: ONNX Runtime reports a damaged file itself
        }
    }

    static Optional<Result> skipLayerNorms(ModelProto model) {
        GraphProto graph = model.getGraph();
        for (TensorProto t : graph.getInitializerList()) {
            if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) return Optional.empty();
        }
        for (NodeProto n : graph.getNodeList()) {
            for (AttributeProto a : n.getAttributeList()) {
                if (a.hasG() || a.getGraphsCount() > 0) return Optional.empty(); // subgraphs may read any value: not ours to move
            }
        }
        Fuser fuser = new Fuser(graph);
        List<NodeProto> nodes = fuser.fuse();
        if (fuser.fused == 0) return Optional.empty();
        ModelProto.Builder out = model.toBuilder();
        out.getGraphBuilder().clearNode().addAllNode(nodes);
        boolean hasDomain = model.getOpsetImportList().stream().anyMatch(o -> o.getDomain().equals(MS_DOMAIN));
        if (!hasDomain) out.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(MS_DOMAIN).setVersion(1));
        return Optional.of(new Result(out.build().toByteArray(), fuser.fused));
    }

    static final String MS_DOMAIN = "com.microsoft";

    /** One pass over one graph: finds each layer-norm chain and what replaces it. */
    private static final class Fuser {
        private final List<NodeProto> nodes;
        private final Map<String, TensorProto> initializers = new HashMap<>();
        private final Map<String, TensorProto> constants = new HashMap<>();
        private final Map<String, NodeProto> producer = new HashMap<>();
        private final Map<String, List<NodeProto>> consumers = new HashMap<>();
        private final Set<String> graphOutputs = new HashSet<>();
        private final Set<NodeProto> removed = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        private final Map<NodeProto, NodeProto> replaced = new IdentityHashMap<>();
        int fused;

        Fuser(GraphProto graph) {
            this.nodes = graph.getNodeList();
            for (TensorProto t : graph.getInitializerList()) initializers.put(t.getName(), t);
            graph.getOutputList().forEach(o -> graphOutputs.add(o.getName()));
            for (NodeProto n : nodes) {
                for (String o : n.getOutputList()) producer.put(o, n);
                for (String i : n.getInputList()) consumers.computeIfAbsent(i, k -> new ArrayList<>()).add(n);
                if (n.getOpType().equals("Constant") && n.getOutputCount() == 1) {
                    for (AttributeProto a : n.getAttributeList()) {
                        if (a.getName().equals("value") && a.hasT()) constants.put(n.getOutput(0), a.getT());
                    }
                }
            }
        }

        List<NodeProto> fuse() {
            for (NodeProto n : nodes) {
                if (is(n, "ReduceMean")) tryFuseChain(n);
                else if (is(n, "LayerNormalization")) tryFuseOp(n);
            }
            List<NodeProto> kept = new ArrayList<>(nodes.size());
            Set<String> read = new HashSet<>(graphOutputs);
            for (NodeProto n : nodes) {
                NodeProto r = replaced.getOrDefault(n, n);
                if (r == n && removed.contains(n)) continue;
                kept.add(r);
                read.addAll(r.getInputList());
            }
            // the fused chains' constants (exponent, epsilon) are read by nothing now
            kept.removeIf(n -> n.getOpType().equals("Constant") && n.getOutputCount() == 1 && !read.contains(n.getOutput(0)));
            return kept;
        }

        /** Matches the exported chain that starts at {@code mean}; records its replacement if it is one. */
        private void tryFuseChain(NodeProto mean) {
            String x = mean.getInput(0);
            NodeProto residualAdd = producer.get(x);
            if (!is(residualAdd, "Add") || !lastAxisMean(mean)) return;
            List<NodeProto> xUses = uses(x);
            NodeProto sub = only(xUses, "Sub");
            if (xUses.size() != 2 || sub == null || !xUses.contains(mean)) return;
            if (!sub.getInput(0).equals(x) || !sub.getInput(1).equals(mean.getOutput(0)) || uses(mean.getOutput(0)).size() != 1) return;
            String d = sub.getOutput(0);
            List<NodeProto> dUses = uses(d);
            NodeProto pow = only(dUses, "Pow");
            NodeProto div = only(dUses, "Div");
            if (dUses.size() != 2 || pow == null || div == null) return;
            if (!pow.getInput(0).equals(d) || scalar(pow.getInput(1)) != 2.0 || !div.getInput(0).equals(d)) return;
            NodeProto variance = single(pow, "ReduceMean");
            if (variance == null || !lastAxisMean(variance)) return;
            NodeProto addEps = single(variance, "Add");
            if (addEps == null) return;
            double eps = scalar(other(addEps, variance.getOutput(0)));
            NodeProto sqrt = single(addEps, "Sqrt");
            if (!(eps > 0 && eps < 1e-2) || sqrt == null || !div.getInput(1).equals(sqrt.getOutput(0)) || uses(sqrt.getOutput(0)).size() != 1) return;
            NodeProto scale = single(div, "Mul");
            if (scale == null) return;
            String gamma = other(scale, div.getOutput(0));
            NodeProto shift = single(scale, "Add");
            if (shift == null) return;
            String beta = other(shift, scale.getOutput(0));
            if (!vector(gamma) || !vector(beta)) return;

            fuseResidual(residualAdd, List.of(mean, sub, pow, variance, addEps, sqrt, div, scale), shift, gamma, beta, eps);
        }

        /**
         * ONNX's own LayerNormalization (opset 17 exports write it instead of the chain), over the
         * last axis, of a residual sum, with no extra outputs (mean, inverse deviation) in use.
         */
        private void tryFuseOp(NodeProto norm) {
            long axis = -1;
            float eps = 1e-5f;
            for (AttributeProto a : norm.getAttributeList()) {
                if (a.getName().equals("axis")) axis = a.getI();
                else if (a.getName().equals("epsilon")) eps = a.getF();
                else if (a.getName().equals("stash_type") && a.getI() != 1) return; // computes in double: not SkipLayerNorm's float
            }
            for (int k = 1; k < norm.getOutputCount(); k++) if (!norm.getOutput(k).isEmpty()) return;
            if (axis != -1 || norm.getInputCount() < 2) return;
            String gamma = norm.getInput(1);
            String beta = norm.getInputCount() > 2 ? norm.getInput(2) : "";
            if (!vector(gamma) || !(beta.isEmpty() || vector(beta))) return;
            String x = norm.getInput(0);
            NodeProto residualAdd = producer.get(x);
            if (!is(residualAdd, "Add") || uses(x).size() != 1 || graphOutputs.contains(x)) return;
            fuseResidual(residualAdd, List.of(), norm, gamma, beta, eps);
        }

        /**
         * When the norm's input is Add(P, R) with P = Add(bias, Y) (the dense layer's bias add,
         * then the residual), replaces {@code residualAdd}, the bias add and {@code between} with
         * one SkipLayerNormalization(Y, R, gamma, beta, bias) at {@code last}.
         */
        private void fuseResidual(NodeProto residualAdd, List<NodeProto> between, NodeProto last, String gamma, String beta, double eps) {
            for (int k = 0; k < 2; k++) {
                String p = residualAdd.getInput(k);
                String r = residualAdd.getInput(1 - k);
                NodeProto biasAdd = producer.get(p);
                if (!is(biasAdd, "Add") || uses(p).size() != 1 || graphOutputs.contains(p)) continue;
                int b = vector(biasAdd.getInput(0)) ? 0 : vector(biasAdd.getInput(1)) ? 1 : -1;
                if (b < 0) continue;
                String bias = biasAdd.getInput(b);
                String y = biasAdd.getInput(1 - b);
                List<NodeProto> chain = new ArrayList<>(List.of(biasAdd, residualAdd));
                chain.addAll(between);
                for (NodeProto n : chain) {
                    if (removed.contains(n)) return;
                    for (String o : n.getOutputList()) if (graphOutputs.contains(o)) return;
                }
                removed.addAll(chain);
                replaced.put(last, NodeProto.newBuilder()
                        .setOpType("SkipLayerNormalization").setDomain(MS_DOMAIN)
                        .setName(last.getName().isEmpty() ? "SkipLayerNorm_" + fused : last.getName() + "/SkipLayerNorm")
                        .addInput(y).addInput(r).addInput(gamma).addInput(beta).addInput(bias)
                        .addOutput(last.getOutput(0))
                        .addAttribute(AttributeProto.newBuilder().setName("epsilon").setType(AttributeProto.AttributeType.FLOAT)
                                .setF((float) eps))
                        .build());
                fused++;
                return;
            }
        }

        private List<NodeProto> uses(String name) {
            return consumers.getOrDefault(name, List.of());
        }

        /** The one node using {@code n}'s only output, if it is a {@code type} and the output is not a graph output. */
        private NodeProto single(NodeProto n, String type) {
            if (n.getOutputCount() != 1 || graphOutputs.contains(n.getOutput(0))) return null;
            List<NodeProto> u = uses(n.getOutput(0));
            return u.size() == 1 && is(u.get(0), type) ? u.get(0) : null;
        }

        private static NodeProto only(List<NodeProto> list, String type) {
            NodeProto found = null;
            for (NodeProto n : list) {
                if (is(n, type)) {
                    if (found != null) return null;
                    found = n;
                }
            }
            return found;
        }

        private static boolean is(NodeProto n, String type) {
            return n != null && n.getOpType().equals(type) && n.getDomain().isEmpty();
        }

        private static String other(NodeProto binary, String one) {
            if (binary.getInputCount() != 2) return "";
            return binary.getInput(0).equals(one) ? binary.getInput(1) : binary.getInput(0);
        }

        /** ReduceMean over the last axis only, keeping it (the axis as an attribute or, from opset 18, a constant input). */
        private boolean lastAxisMean(NodeProto n) {
            List<Long> axes = null;
            for (AttributeProto a : n.getAttributeList()) {
                if (a.getName().equals("keepdims") && a.getI() == 0) return false;
                if (a.getName().equals("axes")) axes = a.getIntsList();
            }
            if (axes == null && n.getInputCount() == 2) {
                TensorProto t = tensor(n.getInput(1));
                if (t != null && t.getDataType() == TensorProto.DataType.INT64_VALUE) axes = longs(t);
            }
            return axes != null && axes.size() == 1 && axes.get(0) == -1;
        }

        /** A one-dimensional float weight (bias, gamma, beta). */
        private boolean vector(String name) {
            TensorProto t = initializers.get(name);
            return t != null && t.getDimsCount() == 1 && t.getDataType() == TensorProto.DataType.FLOAT_VALUE;
        }

        private TensorProto tensor(String name) {
            TensorProto t = constants.get(name);
            return t != null ? t : initializers.get(name);
        }

        /** The value of a one-element float or double constant, or NaN. */
        private double scalar(String name) {
            TensorProto t = tensor(name);
            if (t == null) return Double.NaN;
            long count = 1;
            for (long dim : t.getDimsList()) count *= dim;
            if (count != 1) return Double.NaN;
            if (t.getDataType() == TensorProto.DataType.FLOAT_VALUE) {
                if (t.getFloatDataCount() == 1) return t.getFloatData(0);
                if (t.getRawData().size() == 4) return t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).getFloat();
            } else if (t.getDataType() == TensorProto.DataType.DOUBLE_VALUE) {
                if (t.getDoubleDataCount() == 1) return t.getDoubleData(0);
                if (t.getRawData().size() == 8) return t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).getDouble();
            }
            return Double.NaN;
        }

        private static List<Long> longs(TensorProto t) {
            if (t.getInt64DataCount() > 0) return t.getInt64DataList();
            ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            List<Long> out = new ArrayList<>();
            while (b.remaining() >= 8) out.add(b.getLong());
            return out;
        }
    }
}
