package dev.czar.web;

/** Answers one complete request; runs on the server's bounded thread pool. */
@FunctionalInterface
public interface Route {
    HttpReply handle(HttpCall call) throws Exception;
}
