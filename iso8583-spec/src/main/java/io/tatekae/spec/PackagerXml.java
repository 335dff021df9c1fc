package io.tatekae.spec;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.ext.DefaultHandler2;

/**
 * Reads the isofield elements of a jPOS GenericPackager XML with a hardened SAX parser: the DOCTYPE
 * is tolerated but its DTD is never loaded, and external entities and XInclude are off.
 */
final class PackagerXml {
    record RawField(String id, String length, String name, String className, int line) { }

    private PackagerXml() { }

    static List<RawField> parse(InputStream in, String resource) throws IOException {
        Handler handler = new Handler(resource);
        try {
            XMLReader reader = hardenedParser().getXMLReader();
            reader.setContentHandler(handler);
            reader.setErrorHandler(handler);
            reader.setEntityResolver(handler);
            reader.setProperty("http://xml.org/sax/properties/lexical-handler", handler);
            reader.setProperty("http://xml.org/sax/properties/declaration-handler", handler);
            reader.parse(new InputSource(in));
        } catch (SAXException | ParserConfigurationException e) {
            throw new IllegalStateException("packager XML " + resource + " is not valid: " + e.getMessage(), e);
        }
        if (handler.systemId != null && !ProfileSpec.JPOS_DTD_SYSTEM_ID.equals(handler.systemId)) {
            throw new IllegalStateException("packager XML " + resource + " declares DTD " + handler.systemId
                    + "; only " + ProfileSpec.JPOS_DTD_SYSTEM_ID + " (resolved by jPOS from its jar) is allowed");
        }
        return handler.fields;
    }

    private static SAXParser hardenedParser() throws ParserConfigurationException, SAXException {
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(false);
        factory.setValidating(false);
        factory.setXIncludeAware(false);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        SAXParser parser = factory.newSAXParser();
        parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return parser;
    }

    private static final class Handler extends DefaultHandler2 {
        private final String resource;
        private final List<RawField> fields = new ArrayList<>();
        private Locator locator;
        private String systemId;

        Handler(String resource) {
            this.resource = resource;
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startDTD(String name, String publicId, String systemId) {
            this.systemId = systemId;
        }

        @Override
        public InputSource resolveEntity(String name, String publicId, String baseURI, String systemId)
                throws SAXException {
            throw new SAXException("external entity " + systemId + " refused in " + resource);
        }

        @Override
        public InputSource resolveEntity(String publicId, String systemId) throws SAXException {
            throw new SAXException("external entity " + systemId + " refused in " + resource);
        }

        @Override
        public void externalEntityDecl(String name, String publicId, String systemId) throws SAXException {
            throw new SAXException("external entity " + name + " (" + systemId + ") refused in " + resource);
        }

        @Override
        public void skippedEntity(String name) throws SAXException {
            throw new SAXException("entity &" + name + "; refused in " + resource);
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes)
                throws SAXException {
            switch (qName) {
                case "isopackager" -> { }
                case "isofield" -> fields.add(new RawField(attributes.getValue("id"), attributes.getValue("length"),
                        attributes.getValue("name"), attributes.getValue("class"),
                        locator == null ? -1 : locator.getLineNumber()));
                default -> throw new SAXException("element <" + qName + "> at line "
                        + (locator == null ? -1 : locator.getLineNumber()) + " is not supported by the tatekae codec");
            }
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }
    }
}
