package dev.czar.review;

import java.util.List;
import java.util.Optional;

/**
 * The personas available to reviews and the persona files that could not be used, each problem naming its file.
 */
public record PersonaCatalog(List<Persona> personas, List<String> problems) {
    public PersonaCatalog {
        personas = List.copyOf(personas);
        problems = List.copyOf(problems);
    }

    public Optional<Persona> find(String name) {
        return personas.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public List<String> names() {
        return personas.stream().map(Persona::name).toList();
    }
}
