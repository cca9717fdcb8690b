package dev.czar.evidence.ci;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the JUnit XML dialects in the wild (Surefire/Failsafe, pytest {@code --junitxml}, Gradle): a
 * {@code <testsuite>} root or a {@code <testsuites>} wrapper. Counts come from the test cases themselves, since
 * the suite attributes are missing or stale in some writers. DOCTYPEs are refused (no external entities).
 */
final class JunitXml {
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

    static Parsed parse(byte[] xml) throws NotAReport {
        Document doc;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            var builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            doc = builder.parse(new ByteArrayInputStream(xml));
        } catch (SAXException e) {
            throw new NotAReport("not well-formed XML (" + firstLine(e.getMessage()) + ")");
        } catch (ParserConfigurationException | IOException e) {
            throw new NotAReport("unreadable XML (" + firstLine(e.getMessage()) + ")");
        }
        Element root = doc.getDocumentElement();
        if (!root.getTagName().equals("testsuite") && !root.getTagName().equals("testsuites")) {
            throw new NotAReport("root element is <" + root.getTagName() + ">, not <testsuite> or <testsuites>");
        }
        List<Element> suites = new ArrayList<>();
        if (root.getTagName().equals("testsuite")) {
            suites.add(root);
        }
        NodeList nested = root.getElementsByTagName("testsuite");
        for (int i = 0; i < nested.getLength(); i++) {
            suites.add((Element) nested.item(i));
        }
        int tests = 0;
        int failures = 0;
        int errors = 0;
        int skipped = 0;
        double duration = 0;
        List<TestReport.TestFailure> failed = new ArrayList<>();
        for (Element suite : suites) {
            double suiteTime = number(suite.getAttribute("time"));
            double caseTime = 0;
            for (Element testcase : children(suite, "testcase")) {
                tests++;
                caseTime += number(testcase.getAttribute("time"));
                String kind = !children(testcase, "failure").isEmpty() ? "failure" : !children(testcase, "error").isEmpty() ? "error" : null;
                if (kind != null) {
                    if (kind.equals("failure")) {
                        failures++;
                    } else {
                        errors++;
                    }
                    Element detail = children(testcase, kind).get(0);
                    String message = detail.getAttribute("message");
                    if (message.isBlank()) {
                        message = detail.getTextContent();
                    }
                    failed.add(new TestReport.TestFailure(suite.getAttribute("name"), testcase.getAttribute("classname"),
                            testcase.getAttribute("name"), kind, message.isBlank() ? null : cut(firstLine(message), 2000)));
                } else if (!children(testcase, "skipped").isEmpty()) {
                    skipped++;
                }
            }
            duration += suiteTime > 0 ? suiteTime : caseTime;
        }
        if (tests == 0 && suites.isEmpty()) {
            throw new NotAReport("contains no <testsuite>");
        }
        return new Parsed(tests, failures, errors, skipped, duration, failed);
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                out.add(e);
            }
        }
        return out;
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
