package dev.czar.review;

import java.util.List;
import java.util.Optional;

/**
 * The personas available to reviews, the persona files that could not be used (each problem naming its file), and
 * the repository files that replace a shipped persona.
 */
public record PersonaCatalog(List<Persona> personas, List<String> problems, List<PersonaReplacement> replacements) {
    public PersonaCatalog {
        personas = List.copyOf(personas);
        problems = List.copyOf(problems);
        replacements = List.copyOf(replacements);
    }

    public PersonaCatalog(List<Persona> personas, List<String> problems) {
        this(personas, problems, List.of());
    }

    /** The replacements among {@code selected}: what a review with those personas must say about them. */
    public List<PersonaReplacement> replacementsAmong(List<Persona> selected) {
        return replacements.stream().filter(r -> selected.stream().anyMatch(p -> p.name().equals(r.persona()))).toList();
    }

    public Optional<Persona> find(String name) {
        return personas.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public List<String> names() {
        return personas.stream().map(Persona::name).toList();
    }
}
