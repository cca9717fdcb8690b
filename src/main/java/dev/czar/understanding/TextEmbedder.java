package dev.czar.understanding;

/**
 * Turns a text into a unit vector whose cosine with another text's vector says how alike their meanings are.
 * {@link #OFF} stands for "embeddings switched off": callers then fall back to their word rules.
 */
public interface TextEmbedder {
    TextEmbedder OFF = new TextEmbedder() {
        @Override
        public boolean available() {
            return false;
        }

        @Override
        public float[] embed(String text) {
            throw new IllegalStateException("embeddings are off");
        }
    };

    /** Whether {@link #embed} can be called (false when {@code understanding.embeddings: off}). */
    boolean available();

    /** The normalised embedding of {@code text}. */
    float[] embed(String text);

    /** Cosine similarity of two texts in [-1, 1]. */
    default double similarity(String a, String b) {
        return cosine(embed(a), embed(b));
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
