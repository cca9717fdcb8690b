package dev.czar.review;

/** The LangChain4j AI service one persona talks through; its system message is the persona's prompt. */
interface PersonaReviewer {
    ModelReview review(String change);
}
