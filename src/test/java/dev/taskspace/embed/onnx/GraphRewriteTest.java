package dev.taskspace.embed.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layer-norm rewrite on small graphs built here node by node, the way PyTorch exports
 * {@code LayerNorm(residual + x W + bias)}; both graphs run in a real ONNX Runtime session.
 */
class GraphRewriteTest {
    private static final int HIDDEN = 8;
    private static final Random RANDOM = new Random(7);

    @TempDir
    Path dir;

    @Test
    void theExportedChainBecomesOneSkipLayerNormalizationWithTheSameOutput() throws Exception {
        ModelProto model = bertBlock(UnaryOperator.identity());
        GraphRewrite.Result r = GraphRewrite.skipLayerNorms(model).orElseThrow();

        ModelProto rewritten = ModelProto.parseFrom(r.model());
        List<String> ops = rewritten.getGraph().getNodeList().stream().map(NodeProto::getOpType).toList();
        assertThat(r.fused()).isEqualTo(1);
        assertThat(ops).containsExactly("MatMul", "SkipLayerNormalization");
        assertThat(rewritten.getOpsetImportList()).anyMatch(o -> o.getDomain().equals("com.microsoft"));
        NodeProto fused = rewritten.getGraph().getNode(1);
        assertThat(fused.getInputList()).containsExactly("y", "residual", "gamma", "beta", "bias");
        assertThat(fused.getAttribute(0).getF()).isEqualTo(1e-12f);

        float[] x = values(3 * 5 * HIDDEN);
        float[] residual = values(3 * 5 * HIDDEN);
        float[] expected = run(model.toByteArray(), x, residual);
        float[] actual = run(r.model(), x, residual);
        for (int i = 0; i < expected.length; i++) assertThat(actual[i]).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-5f));
    }

    @Test
    void onnxsOwnLayerNormalizationIsFusedTheSameWay() throws Exception {
        ModelProto model = opset17Block(List.of());
        GraphRewrite.Result r = GraphRewrite.skipLayerNorms(model).orElseThrow();
        ModelProto rewritten = ModelProto.parseFrom(r.model());
        assertThat(rewritten.getGraph().getNodeList().stream().map(NodeProto::getOpType).toList())
                .containsExactly("MatMul", "SkipLayerNormalization");
        assertThat(rewritten.getGraph().getNode(1).getAttribute(0).getF()).isEqualTo(1e-6f);

        float[] x = values(3 * 5 * HIDDEN);
        float[] residual = values(3 * 5 * HIDDEN);
        float[] expected = run(model.toByteArray(), x, residual);
        float[] actual = run(r.model(), x, residual);
        for (int i = 0; i < expected.length; i++) assertThat(actual[i]).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-5f));

        // another axis, or a norm computed in double, is left alone
        assertThat(GraphRewrite.skipLayerNorms(opset17Block(List.of(intAttribute("axis", 1))))).isEmpty();
        assertThat(GraphRewrite.skipLayerNorms(opset17Block(List.of(intAttribute("stash_type", 11))))).isEmpty();
    }

    /** The same block as {@link #bertBlock} with ONNX's LayerNormalization (opset 17), epsilon 1e-6. */
    private static ModelProto opset17Block(List<AttributeProto> extra) {
        ModelProto chain = bertBlock(UnaryOperator.identity());
        GraphProto.Builder g = chain.getGraph().toBuilder();
        List<NodeProto> nodes = new ArrayList<>(g.getNodeList().subList(0, 5)); // constants, matmul, bias and residual adds
        nodes.removeIf(n -> n.getOpType().equals("Constant"));
        nodes.add(node("LayerNormalization", "norm", List.of("sum", "gamma", "beta"), "out").toBuilder()
                .addAttribute(AttributeProto.newBuilder().setName("epsilon").setType(AttributeProto.AttributeType.FLOAT).setF(1e-6f))
                .addAllAttribute(extra).build());
        return chain.toBuilder().clearOpsetImport()
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17)).setIrVersion(8)
                .setGraph(g.clearNode().addAllNode(nodes)).build();
    }

    private static AttributeProto intAttribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    @Test
    void aFileIsReadAndRewrittenLikeTheModelItHolds() throws Exception {
        Path file = dir.resolve("block.onnx");
        Files.write(file, bertBlock(UnaryOperator.identity()).toByteArray());
        assertThat(GraphRewrite.skipLayerNorms(file)).hasValueSatisfying(r -> assertThat(r.fused()).isEqualTo(1));
    }

    @Test
    void chainsThatDifferFromTheExactPatternAreLeftAlone() {
        // an intermediate that something else also reads (here: the graph's outputs)
        assertThat(rewrite(g -> g.addOutput(value("centred")))).isEmpty();
        // Pow(d, 3) is not a variance
        assertThat(rewrite(g -> replaceConstant(g, "two", 3f))).isEmpty();
        // a mean over another axis
        assertThat(rewrite(g -> setAxes(g, "mean", 1))).isEmpty();
        // a graph with subgraphs (If, Loop), which may read any value of the outer graph
        assertThat(rewrite(g -> g.setNode(2, g.getNode(2).toBuilder().addAttribute(AttributeProto.newBuilder().setName("body")
                .setType(AttributeProto.AttributeType.GRAPH).setG(GraphProto.newBuilder().setName("inner"))).build()))).isEmpty();
        // no bias add before the residual add: nothing to fold the bias from
        assertThat(rewrite(g -> {
            List<NodeProto> nodes = new ArrayList<>(g.getNodeList());
            nodes.removeIf(n -> n.getName().equals("bias_add"));
            nodes.replaceAll(n -> n.getName().equals("residual_add")
                    ? n.toBuilder().setInput(0, "y").build() : n);
            return g.clearNode().addAllNode(nodes);
        })).isEmpty();
    }

    @Test
    void weightsInAnExternalFileOrADamagedFileMeanNoRewrite() throws Exception {
        assertThat(rewrite(g -> {
            TensorProto.Builder w = g.getInitializerBuilder(0);
            w.setDataLocation(TensorProto.DataLocation.EXTERNAL);
            return g;
        })).isEmpty();
        Path damaged = dir.resolve("damaged.onnx");
        byte[] whole = bertBlock(UnaryOperator.identity()).toByteArray();
        Files.write(damaged, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThat(GraphRewrite.skipLayerNorms(damaged)).isEmpty();
    }

    private static Optional<GraphRewrite.Result> rewrite(UnaryOperator<GraphProto.Builder> change) {
        return GraphRewrite.skipLayerNorms(bertBlock(change));
    }

    /**
     * out = LayerNorm(residual + (x W + bias)) over the last axis, as PyTorch's ONNX export
     * spells it: inputs x and residual of shape [batch, seq, 8].
     */
    static ModelProto bertBlock(UnaryOperator<GraphProto.Builder> change) {
        GraphProto.Builder g = GraphProto.newBuilder().setName("block")
                .addInput(value("x")).addInput(value("residual")).addOutput(value("out"))
                .addInitializer(floats("w", values(HIDDEN * HIDDEN), HIDDEN, HIDDEN))
                .addInitializer(floats("bias", values(HIDDEN), HIDDEN))
                .addInitializer(floats("gamma", values(HIDDEN), HIDDEN))
                .addInitializer(floats("beta", values(HIDDEN), HIDDEN))
                .addNode(constant("two", 2f)).addNode(constant("eps", 1e-12f))
                .addNode(node("MatMul", "matmul", List.of("x", "w"), "y"))
                .addNode(node("Add", "bias_add", List.of("bias", "y"), "dense"))
                .addNode(node("Add", "residual_add", List.of("dense", "residual"), "sum"))
                .addNode(mean("mean", "sum", "mu"))
                .addNode(node("Sub", "sub", List.of("sum", "mu"), "centred"))
                .addNode(node("Pow", "pow", List.of("centred", "two"), "squared"))
                .addNode(mean("variance", "squared", "var"))
                .addNode(node("Add", "add_eps", List.of("var", "eps"), "var_eps"))
                .addNode(node("Sqrt", "sqrt", List.of("var_eps"), "std"))
                .addNode(node("Div", "div", List.of("centred", "std"), "normed"))
                .addNode(node("Mul", "scale", List.of("normed", "gamma"), "scaled"))
                .addNode(node("Add", "shift", List.of("scaled", "beta"), "out"));
        return ModelProto.newBuilder().setIrVersion(7).setProducerName("test")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(11))
                .setGraph(change.apply(g)).build();
    }

    private static GraphProto.Builder replaceConstant(GraphProto.Builder g, String name, float value) {
        for (int i = 0; i < g.getNodeCount(); i++) {
            if (g.getNode(i).getOutput(0).equals(name)) g.setNode(i, constant(name, value));
        }
        return g;
    }

    private static GraphProto.Builder setAxes(GraphProto.Builder g, String nodeName, long axis) {
        for (int i = 0; i < g.getNodeCount(); i++) {
            NodeProto n = g.getNode(i);
            if (n.getName().equals(nodeName)) {
                g.setNode(i, n.toBuilder().setAttribute(0, n.getAttribute(0).toBuilder().clearInts().addInts(axis)).build());
            }
        }
        return g;
    }

    private static NodeProto node(String op, String name, List<String> inputs, String output) {
        return NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(inputs).addOutput(output).build();
    }

    private static NodeProto mean(String name, String input, String output) {
        return node("ReduceMean", name, List.of(input), output).toBuilder()
                .addAttribute(AttributeProto.newBuilder().setName("axes").setType(AttributeProto.AttributeType.INTS).addInts(-1)).build();
    }

    private static NodeProto constant(String output, float value) {
        return NodeProto.newBuilder().setOpType("Constant").setName(output + "_constant").addOutput(output)
                .addAttribute(AttributeProto.newBuilder().setName("value").setType(AttributeProto.AttributeType.TENSOR)
                        .setT(TensorProto.newBuilder().setDataType(TensorProto.DataType.FLOAT_VALUE).addFloatData(value)))
                .build();
    }

    private static TensorProto floats(String name, float[] data, long... dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE);
        for (long d : dims) t.addDims(d);
        for (float v : data) t.addFloatData(v);
        return t.build();
    }

    /** A float tensor [batch, seq, 8] with symbolic batch and sequence. */
    private static ValueInfoProto value(String name) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("seq"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(HIDDEN));
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }

    private static float[] values(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) RANDOM.nextGaussian();
        return v;
    }

    private static float[] run(byte[] model, float[] x, float[] residual) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] shape = {3, 5, HIDDEN};
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions();
                OrtSession s = env.createSession(model, so);
                OnnxTensor tx = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape);
                OnnxTensor tr = OnnxTensor.createTensor(env, FloatBuffer.wrap(residual), shape);
                OrtSession.Result result = s.run(Map.of("x", tx, "residual", tr))) {
            FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
            float[] o = new float[out.remaining()];
            out.get(o);
            return o;
        }
    }
}
