package dev.czar.evidence.ci;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads the JUnit XML dialects in the wild (Surefire/Failsafe, pytest {@code --junitxml}, Gradle): a
 * {@code <testsuite>} root or a {@code <testsuites>} wrapper. Counts come from the test cases themselves, since
 * the suite attributes are missing or stale in some writers. DOCTYPEs are refused (no external entities). Parsed
 * as a stream (StAX): memory holds one test case and the failures, not the document.
 */
final class JunitXml {
    /** Failure text kept per case before its first line is taken: a multi-megabyte stack trace is not held whole. */
    private static final int MAX_TEXT = 16 * 1024;
    /** Failed cases kept with their message; beyond this they are only counted (a report of a million failures). */
    static final int MAX_FAILED_KEPT = 1000;

    /** Parsed counts, before storage. */
    record Parsed(int tests, int failures, int errors, int skipped, double durationSeconds, List<TestReport.TestFailure> failed) {
    }

    /** Thrown for a file that is not a readable JUnit XML report; the message is the reason. */
    static final class NotAReport extends Exception {
        NotAReport(String reason) {
            super(reason, null, false, false);
        }
    }

    private JunitXml() {
    }

    static Parsed parse(InputStream xml) throws NotAReport {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        try {
            XMLStreamReader reader = factory.createXMLStreamReader(xml);
            try {
                return new Walk().run(reader);
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw new NotAReport("not well-formed XML (" + firstLine(e.getMessage()) + ")");
        }
    }

    /** One pass over the events, keeping the open suites and the current test case. */
    private static final class Walk {
        private final Deque<String> open = new ArrayDeque<>();
        private final Deque<Suite> suites = new ArrayDeque<>();
        private final List<TestReport.TestFailure> failed = new ArrayList<>();
        private int tests;
        private int failures;
        private int errors;
        private int skipped;
        private int suiteCount;
        private double duration;
        private Case current;

        Parsed run(XMLStreamReader r) throws XMLStreamException, NotAReport {
            while (r.hasNext()) {
                switch (r.next()) {
                    case XMLStreamConstants.DTD -> throw new NotAReport("not well-formed XML (DOCTYPE is not allowed)");
                    case XMLStreamConstants.START_ELEMENT -> start(r);
                    case XMLStreamConstants.END_ELEMENT -> end(r.getLocalName());
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                        if (current != null && current.capturing) {
                            current.text(r.getText());
                        }
                    }
                    default -> {
                    }
                }
            }
            if (tests == 0 && suiteCount == 0) {
                throw new NotAReport("contains no <testsuite>");
            }
            return new Parsed(tests, failures, errors, skipped, duration, failed);
        }

        private void start(XMLStreamReader r) throws NotAReport {
            String tag = r.getLocalName();
            String parent = open.peek();
            if (parent == null && !tag.equals("testsuite") && !tag.equals("testsuites")) {
                throw new NotAReport("root element is <" + tag + ">, not <testsuite> or <testsuites>");
            }
            if (tag.equals("testsuite")) {
                suiteCount++;
                suites.push(new Suite(attr(r, "name"), number(attr(r, "time"))));
            } else if (tag.equals("testcase") && "testsuite".equals(parent)) {
                tests++;
                suites.peek().caseTime += number(attr(r, "time"));
                current = new Case(attr(r, "classname"), attr(r, "name"), open.size() + 1);
            } else if (current != null && open.size() == current.depth && "testcase".equals(parent)) {
                current.child(tag, attr(r, "message"));
            }
            open.push(tag);
        }

        private void end(String tag) {
            open.pop();
            if (current != null && current.capturing && open.size() == current.depth) {
                current.stopCapture();
            }
            if (tag.equals("testcase") && current != null && open.size() == current.depth - 1) {
                finish(current);
                current = null;
            } else if (tag.equals("testsuite")) {
                Suite suite = suites.pop();
                duration += suite.time > 0 ? suite.time : suite.caseTime;
            }
        }

        private void finish(Case c) {
            String kind = c.failureMessage != null ? "failure" : c.errorMessage != null ? "error" : null;
            if (kind == null) {
                skipped += c.skipped ? 1 : 0;
                return;
            }
            if (kind.equals("failure")) {
                failures++;
            } else {
                errors++;
            }
            if (failed.size() == MAX_FAILED_KEPT) {
                return;
            }
            String message = kind.equals("failure") ? c.failureMessage : c.errorMessage;
            failed.add(new TestReport.TestFailure(suites.peek().name, c.classname, c.name, kind,
                    message.isBlank() ? null : cut(firstLine(message), 2000)));
        }
    }

    private static final class Suite {
        final String name;
        final double time;
        double caseTime;

        Suite(String name, double time) {
            this.name = name;
            this.time = time;
        }
    }

    /** One test case: the first failure and first error (message attribute, else its text), and whether skipped. */
    private static final class Case {
        final String classname;
        final String name;
        /** How many elements enclose the case's children (the case itself included). */
        final int depth;
        String failureMessage;
        String errorMessage;
        boolean skipped;
        boolean capturing;
        private StringBuilder text;
        private String capturingKind;

        Case(String classname, String name, int depth) {
            this.classname = classname;
            this.name = name;
            this.depth = depth;
        }

        void child(String tag, String message) {
            if (tag.equals("skipped")) {
                skipped = true;
            } else if ((tag.equals("failure") && failureMessage == null) || (tag.equals("error") && errorMessage == null)) {
                capturingKind = tag;
                text = new StringBuilder();
                set(message);
                capturing = message.isBlank(); // the text counts only when the attribute says nothing
            }
        }

        void text(String chunk) {
            text.append(chunk, 0, Math.min(chunk.length(), MAX_TEXT - text.length()));
        }

        void stopCapture() {
            capturing = false;
            set(text.toString());
        }

        private void set(String message) {
            if (capturingKind.equals("failure")) {
                failureMessage = message;
            } else {
                errorMessage = message;
            }
        }
    }

    private static String attr(XMLStreamReader r, String name) {
        String value = r.getAttributeValue(null, name);
        return value == null ? "" : value;
    }

    private static double number(String raw) {
        try {
            double v = Double.parseDouble(raw.strip().replace(",", ""));
            return Double.isFinite(v) && v > 0 ? v : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.strip().lines().findFirst().orElse("");
    }

    private static String cut(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }
}
