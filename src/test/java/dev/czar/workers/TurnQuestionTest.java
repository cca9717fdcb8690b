package dev.czar.workers;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which final messages of a turn ask a human something. */
class TurnQuestionTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Should I drop the legacy table or keep it?                                  | true
            I found two configs.\\n\\nWhich one should be the default                    | true
            Do you want me to also update the README                                    | true
            Please confirm that the migration may delete rows.                          | true
            I need permission to run the integration tests.                             | true
            The build needs approval for network access                                 | true
            Let me know which database you use.                                         | true
            Fixed the login and committed it.                                           | false
            Refactored: why was this slow? The cache was cold. Now warmed at start.     | false
            CZAR_DONE: all tests pass                                                   | false
            ''                                                                          | false
            """)
    void should_tell_a_question_from_a_report(String text, boolean asks) {
        assertThat(TurnQuestion.asks(text.replace("\\n", "\n"))).isEqualTo(asks);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Looked at the schema.\\n\\nShould I drop it?  | Should I drop it?
            Two   options:\\nA or B?                     | Two options: A or B?
            """)
    void should_show_the_last_paragraph_as_the_question(String text, String question) {
        assertThat(TurnQuestion.question(text.replace("\\n", "\n"))).isEqualTo(question);
    }
}
