package io.tatekae.testsupport;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A throw-away PKI made at test time (never committed): a CA, and certificates it signs for the
 * switch (SAN 127.0.0.1 / localhost) and for network clients. EC P-256, valid for a day. Built with
 * Bouncy Castle's ASN.1 classes (bcprov, which jPOS already brings) and signed with the JDK.
 */
public final class TestPki {
    private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime());
    private static final AlgorithmIdentifier ECDSA_SHA256 = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);

    /** A key pair and its certificate, issued by {@code issuer} (null for a self-signed root). */
    public record Identity(String name, KeyPair keys, X509Certificate certificate, Identity issuer) {
        /** Writes certificate (with the chain up to, not including, the root) and key as PEM files into dir. */
        public Path writeChain(Path dir) throws IOException, GeneralSecurityException {
            StringBuilder pem = new StringBuilder(pem("CERTIFICATE", certificate.getEncoded()));
            for (Identity i = issuer; i != null && i.issuer() != null; i = i.issuer()) {
                pem.append(pem("CERTIFICATE", i.certificate().getEncoded()));
            }
            return Files.writeString(dir.resolve(name + "-chain.pem"), pem);
        }

        public Path writeCertificate(Path dir) throws IOException, GeneralSecurityException {
            return Files.writeString(dir.resolve(name + "-cert.pem"), pem("CERTIFICATE", certificate.getEncoded()));
        }

        public Path writePrivateKey(Path dir) throws IOException {
            return Files.writeString(dir.resolve(name + "-key.pem"), pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
        }
    }

    private TestPki() {
    }

    public static Identity ca(String name) throws GeneralSecurityException, IOException {
        KeyPair keys = keyPair();
        return new Identity(name, keys, sign(name, keys, name, keys.getPrivate(), true), null);
    }

    public static Identity issue(Identity ca, String name) throws GeneralSecurityException, IOException {
        KeyPair keys = keyPair();
        return new Identity(name, keys, sign(name, keys, ca.name(), ca.keys().getPrivate(), false), ca);
    }

    /** A client-side TLS context: trusts {@code ca}; presents {@code client} when it is not null. */
    public static SSLContext clientContext(Identity ca, Identity client) throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (client != null) {
            KeyStore own = KeyStore.getInstance("PKCS12");
            own.load(null, null);
            char[] password = "test".toCharArray();
            own.setKeyEntry("client", client.keys().getPrivate(), password,
                    new X509Certificate[] {client.certificate(), client.issuer().certificate()});
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(own, password);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static X509Certificate sign(String subject, KeyPair subjectKeys, String issuer, PrivateKey issuerKey, boolean ca)
            throws GeneralSecurityException, IOException {
        long now = System.currentTimeMillis();
        V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
        tbs.setSerialNumber(new ASN1Integer(BigInteger.valueOf(SERIALS.incrementAndGet())));
        tbs.setIssuer(new X500Name("CN=" + issuer));
        tbs.setSubject(new X500Name("CN=" + subject));
        tbs.setStartDate(new Time(new Date(now - 3_600_000L)));
        tbs.setEndDate(new Time(new Date(now + 86_400_000L)));
        tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(subjectKeys.getPublic().getEncoded()));
        tbs.setSignature(ECDSA_SHA256);
        ExtensionsGenerator ext = new ExtensionsGenerator();
        ext.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        ext.addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                : KeyUsage.digitalSignature | KeyUsage.keyAgreement));
        if (!ca) {
            ext.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
        }
        tbs.setExtensions(ext.generate());
        TBSCertificate certificate = tbs.generateTBSCertificate();
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(issuerKey);
        signer.update(certificate.getEncoded(ASN1Encoding.DER));
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(certificate);
        v.add(ECDSA_SHA256);
        v.add(new DERBitString(signer.sign()));
        byte[] der = new DERSequence(v).getEncoded(ASN1Encoding.DER);
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
