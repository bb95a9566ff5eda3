package resnetkit.grader.report;

import resnetkit.grader.scoring.Score;
import resnetkit.grader.scoring.TestOutcome;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.util.Locale;

/** JUnit's XML report format, one test case per graded test, for CI test viewers. */
public final class JunitXml {

    /** The file's name in the reports folder. */
    public static final String FILE = "junit.xml";

    private JunitXml() {
    }

    /** junit.xml for {@code score}. */
    public static String of(Score score) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(text);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuite");
            x.writeAttribute("name", "resnet-kit grading");
            x.writeAttribute("tests", String.valueOf(score.outcomes().size()));
            x.writeAttribute("failures", String.valueOf(score.outcomes().stream().filter(o -> !o.passed()).count()));
            x.writeAttribute("errors", "0");
            x.writeAttribute("skipped", "0");
            x.writeAttribute("time", String.format(Locale.ROOT, "%.1f", score.seconds()));
            for (TestOutcome o : score.outcomes()) {
                x.writeCharacters("\n  ");
                x.writeStartElement("testcase");
                x.writeAttribute("classname", Xml.text(o.exerciseId() + " " + o.exerciseTitle()));
                x.writeAttribute("name", Xml.text(o.test() + " (" + o.points() + " pt)"));
                if (!o.passed()) {
                    x.writeCharacters("\n    ");
                    x.writeEmptyElement("failure");
                    x.writeAttribute("message", Xml.text(o.studentFeedback()));
                }
                if (!o.studentOutput().isEmpty()) {
                    x.writeCharacters("\n    ");
                    x.writeStartElement("system-out");
                    x.writeCharacters(Xml.text(o.studentOutput()));
                    x.writeEndElement();
                }
                x.writeEndElement();
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("could not write junit.xml", e);
        }
        return text.toString();
    }
}
