package dev.taskspace.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.EmbeddingStoreContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.store.embedding.EmbeddingStoreIngestor;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskspaceEmbeddingsTest {
    private static final Path TINY_QWEN3 = Path.of(System.getProperty("taskspace.tinyQwen3",
            "../src/test/resources/dev/taskspace/embed/onnx/tiny-qwen3"));
    private static final Path BUNDLED_CACHE = Path.of(System.getProperty("taskspace.testCache", "target/taskspace-cache"));

    @TempDir
    Path vectors;

    /** Passages on unrelated subjects, and for each a question only it answers. */
    private static final Map<String, String> PASSAGES = Map.of(
            "The capital of China is Beijing, a city of more than twenty million people.", "What is the capital of China?",
            "Gravity is a force that attracts two bodies towards each other and keeps the planets in orbit around the sun.",
            "Why do planets move around the sun?",
            "To bake bread, mix flour, water, yeast and salt, let the dough rise, then bake it in a hot oven.",
            "How do I make a loaf of bread at home?",
            "The pitcher threw a fastball and the batter hit a home run in the ninth inning.", "Who won the baseball game?",
            "Public-key cryptography lets two parties agree on a secret key over an insecure channel.",
            "How can two people share an encryption key safely?",
            "Regular exercise lowers blood pressure and reduces the risk of heart disease.", "Is exercise good for the heart?",
            "The stock market fell sharply as investors worried about rising interest rates.", "Why did shares drop today?",
            "Penguins live in the southern hemisphere and cannot fly, but they swim very well.", "Which birds cannot fly but swim?");

    @Test
    void retrievesTheAnsweringPassageThroughLangChain4jsOwnIngestorAndRetriever() {
        try (TaskspaceEmbeddings bge = TaskspaceEmbeddings.builder().model("bge-small-q").cacheDir(BUNDLED_CACHE).noCache().build()) {
            InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
            EmbeddingStoreIngestor.builder().embeddingModel(bge.documents()).embeddingStore(store).build()
                    .ingest(PASSAGES.keySet().stream().map(Document::from).toList());

            // bge-small is not instruction-tuned: Qwen3's instruction format is only noise to it, so its
            // queries go bare here (the instruction path is checked on Qwen3 in the tests below).
            assertThat(bge.info().instructionAware()).isFalse();
            EmbeddingStoreContentRetriever retriever = EmbeddingStoreContentRetriever.builder()
                    .embeddingModel(bge.queries(null)).embeddingStore(store).maxResults(1).build();
            for (Map.Entry<String, String> e : PASSAGES.entrySet()) {
                List<Content> found = retriever.retrieve(Query.from(e.getValue()));
                assertThat(found).as(e.getValue()).hasSize(1);
                assertThat(found.get(0).textSegment().text()).as(e.getValue()).isEqualTo(e.getKey());
            }
            assertThat(bge.documents().dimension()).isEqualTo(384);
            assertThat(bge.documents().modelName()).isEqualTo("bge-small-en-v1.5-q");
        }
    }

    @Test
    void queriesCarryTheInstructionAndDocumentsDoNotExactlyAsQwen3Wants() throws IOException {
        // Vectors the synthetic model's torch reference computed (scripts/qwen3_synthetic.py): the
        // query's for "Instruct: ...\nQuery:What is the capital of China?" (no space after "Query:"),
        // the document's for the bare passage.
        Map<String, float[]> expected = expectedVectors();
        String question = "What is the capital of China?";
        String passage = "The capital of China is Beijing.";
        try (TaskspaceEmbeddings qwen3 = TaskspaceEmbeddings.builder().model(TINY_QWEN3.toString()).noCache().build()) {
            assertThat(qwen3.info().instructionAware()).isTrue();
            float[] q = qwen3.queries(TaskspaceEmbeddings.WEB_SEARCH).embed(question).content().vector();
            float[] d = qwen3.documents().embed(passage).content().vector();
            float[] plainQuestion = qwen3.documents().embed(question).content().vector();

            assertClose(q, expected.get("Instruct: " + TaskspaceEmbeddings.WEB_SEARCH + "\nQuery:" + question));
            assertClose(d, expected.get(passage));
            assertClose(plainQuestion, expected.get(question));
            assertThat(cosine(q, plainQuestion)).as("the instruction changes the query's vector").isLessThan(0.999);
        }
    }

    @Test
    void aBatchComesBackInOrderAndTheVectorCacheServesTheSecondRun() {
        List<TextSegment> segments = PASSAGES.keySet().stream().sorted().map(TextSegment::from).toList();
        List<Embedding> first;
        try (TaskspaceEmbeddings qwen3 = TaskspaceEmbeddings.builder().model(TINY_QWEN3.toString()).cacheDir(vectors).build()) {
            Response<List<Embedding>> r = qwen3.documents().embedAll(segments);
            first = r.content();
            assertThat(r.tokenUsage().inputTokenCount()).isPositive();
            // Each text alone gives the vector it got inside the batch.
            for (int i = 0; i < segments.size(); i++) {
                assertClose(qwen3.documents().embed(segments.get(i)).content().vector(), first.get(i).vector());
            }
        }
        try (TaskspaceEmbeddings again = TaskspaceEmbeddings.builder().model(TINY_QWEN3.toString()).cacheDir(vectors).build()) {
            Response<List<Embedding>> r = again.documents().embedAll(segments);
            assertThat(r.tokenUsage().inputTokenCount()).as("every vector from the cache: nothing read").isZero();
            for (int i = 0; i < segments.size(); i++) assertThat(r.content().get(i).vector()).isEqualTo(first.get(i).vector());
        }
        assertThat(vectors.resolve("vectors")).isDirectory();
    }

    @Test
    void overAnApiTheQueriesAreSentWithTheInstructionAndDocumentsWithout() throws IOException {
        List<String> received = Collections.synchronizedList(new ArrayList<>());
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ObjectMapper json = new ObjectMapper();
        server.createContext("/v1/embeddings", ex -> {
            JsonNode body = json.readTree(ex.getRequestBody());
            ObjectNode answer = json.createObjectNode();
            ArrayNode data = answer.putArray("data");
            for (int i = 0; i < body.get("input").size(); i++) {
                String text = body.get("input").get(i).asText();
                received.add(text);
                ArrayNode v = data.addObject().put("index", i).putArray("embedding");
                // Qwen3-Embedding-0.6B's 1,024 dimensions, depending on the text (order mistakes would show).
                IntStream.range(0, 1024).forEach(k -> v.add(1 + ((text.hashCode() >> (k % 32)) & 1)));
            }
            byte[] out = json.writeValueAsBytes(answer);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        server.start();
        try (TaskspaceEmbeddings api = TaskspaceEmbeddings.builder()
                .remote(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1"), "Qwen/Qwen3-Embedding-0.6B")
                .apiKey("sk-test-not-a-secret").noCache().build()) {
            api.queries("Find posts about the same sport").embed("who won the game");
            api.documents().embedAll(List.of(TextSegment.from("The Yankees won 5-3."), TextSegment.from("Rain stopped play.")));
        } finally {
            server.stop(0);
        }
        assertThat(received).containsExactlyInAnyOrder(
                "Instruct: Find posts about the same sport\nQuery:who won the game", "The Yankees won 5-3.", "Rain stopped play.");
    }

    private static Map<String, float[]> expectedVectors() throws IOException {
        JsonNode root = new ObjectMapper().readTree(Files.readString(TINY_QWEN3.resolve("expected.json"), StandardCharsets.UTF_8));
        Map<String, float[]> out = new TreeMap<>();
        for (JsonNode t : root.get("texts")) {
            float[] v = new float[t.get("vector").size()];
            for (int i = 0; i < v.length; i++) v[i] = (float) t.get("vector").get(i).asDouble();
            out.put(t.get("text").asText(), v);
        }
        return out;
    }

    private static void assertClose(float[] actual, float[] expected) {
        assertThat(expected).as("reference vector").isNotNull();
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) assertThat(actual[i]).as("component " + i).isCloseTo(expected[i], within(1e-5f));
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) dot += a[i] * b[i];
        return dot; // both unit length
    }
}
