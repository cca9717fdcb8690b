package dev.czar.understanding;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * all-MiniLM-L6-v2 (quantized, ONNX) running in-process: the model ships inside the jar, nothing is downloaded.
 * The model is loaded on the first {@link #embed} call, not at start-up, so commands that never compare meanings
 * (most of them) do not pay its ~1 s load and its memory. Recent texts are cached: the supervisor compares the
 * same task texts every round.
 */
public final class MiniLmEmbedder implements TextEmbedder {
    private static final int CACHE = 2_000;
    /** Longer inputs are cut: the model reads at most 256 word pieces, the head of a text says the most. */
    private static final int MAX_CHARS = 2_000;
    private static final MiniLmEmbedder SHARED = new MiniLmEmbedder();

    private volatile EmbeddingModel model;
    private final Map<String, float[]> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > CACHE;
        }
    };

    private MiniLmEmbedder() {
    }

    /** The one instance per process: the model is loaded at most once. */
    public static MiniLmEmbedder shared() {
        return SHARED;
    }

    @Override
    public boolean available() {
        return true;
    }

    /** Whether the model has been loaded yet (for tests and the bench: start-up must not load it). */
    public boolean loaded() {
        return model != null;
    }

    @Override
    public float[] embed(String text) {
        String key = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        synchronized (cache) {
            float[] hit = cache.get(key);
            if (hit != null) {
                return hit;
            }
        }
        // the tokenizer refuses text that is empty once cleaned (whitespace, controls, zero-width characters)
        boolean words = key.codePoints().anyMatch(Character::isLetterOrDigit);
        float[] vector;
        try {
            vector = model().embed(words ? key : "-").content().vector();
        } catch (IllegalArgumentException e) {
            vector = model().embed("-").content().vector();
        }
        synchronized (cache) {
            cache.put(key, vector);
        }
        return vector;
    }

    private EmbeddingModel model() {
        EmbeddingModel m = model;
        if (m == null) {
            synchronized (this) {
                if (model == null) {
                    model = new AllMiniLmL6V2QuantizedEmbeddingModel();
                }
                m = model;
            }
        }
        return m;
    }
}
