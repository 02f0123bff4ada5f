import { createHash, createPrivateKey, generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';

/**
 * The installation's signing identity: the key and certificate every frozen pack is signed with.
 * BEACON_SIGNING_P12 (a PKCS#12 file, e.g. from the trust's PKI) with BEACON_SIGNING_PASSPHRASE wins;
 * otherwise Beacon makes a self-signed certificate on first use and keeps it, key and certificate as PEM,
 * in BEACON_SIGNING_FILE (default: `signing.pem` beside the instance secret file, readable by its owner
 * only), just as the instance secret is kept. Only RSA keys are supported (node-forge reads the PKCS#12).
 */
export interface SigningIdentity {
	/** PKCS#8 DER of the private key, for WebCrypto. */
	keyPkcs8: Uint8Array;
	/** DER of the signing certificate, then any other certificates of its chain from the PKCS#12. */
	certificatesDer: Uint8Array[];
	certificatePem: string;
	/** SHA-256 of the certificate's DER, upper-case hex pairs separated by colons (as openssl prints it). */
	fingerprint: string;
	subject: string;
	notAfter: string;
	/** True when Beacon made the certificate itself (no BEACON_SIGNING_P12). */
	selfSigned: boolean;
}

let cached: { key: string; identity: SigningIdentity } | undefined;

export function fingerprintOf(der: Uint8Array): string {
	return createHash('sha256').update(der).digest('hex').toUpperCase().match(/../g)?.join(':') ?? '';
}

function identityOf(keyPem: string, certPems: string[], selfSigned: boolean): SigningIdentity {
	const keyPkcs8 = new Uint8Array(createPrivateKey(keyPem).export({ type: 'pkcs8', format: 'der' }));
	const certs = certPems.map((pem) => new X509Certificate(pem));
	const signing = certs[0];
	if (!signing) throw new Error('the signing identity has no certificate');
	if (!signing.checkPrivateKey(createPrivateKey(keyPem))) throw new Error('the signing certificate does not match its private key');
	return {
		keyPkcs8,
		certificatesDer: certs.map((c) => new Uint8Array(c.raw)),
		certificatePem: signing.toString(),
		fingerprint: fingerprintOf(signing.raw),
		subject: signing.subject.split('\n').join(', '),
		notAfter: new Date(signing.validTo).toISOString(),
		selfSigned
	};
}

/** The key and certificates of a PKCS#12 file: the certificate that matches the key first. */
export function readPkcs12(bytes: Uint8Array, passphrase: string): { keyPem: string; certPems: string[] } {
	const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(bytes).toString('binary'))), false, passphrase);
	const oids = forge.pki.oids as Record<string, string>;
	const bags = (type: string) => p12.getBags({ bagType: type })[type] ?? [];
	const keyBag = [...bags(oids.pkcs8ShroudedKeyBag as string), ...bags(oids.keyBag as string)][0];
	if (!keyBag?.key) throw new Error('BEACON_SIGNING_P12 holds no RSA private key');
	const key = keyBag.key as forge.pki.rsa.PrivateKey;
	const certs = bags(oids.certBag as string).flatMap((b) => (b.cert ? [b.cert] : []));
	const matches = (c: forge.pki.Certificate) => {
		const pub = c.publicKey as forge.pki.rsa.PublicKey;
		return pub.n?.compareTo(key.n) === 0 && pub.e?.compareTo(key.e) === 0;
	};
	const mine = certs.find(matches);
	if (!mine) throw new Error('BEACON_SIGNING_P12 has no certificate for its private key');
	return { keyPem: forge.pki.privateKeyToPem(key), certPems: [mine, ...certs.filter((c) => c !== mine)].map((c) => forge.pki.certificateToPem(c)) };
}

/** A new RSA key (made by Node's OpenSSL: fast) and a self-signed certificate for it, valid 30 years. */
export function createSelfSigned(commonName: string, now = new Date()): { keyPem: string; certPem: string } {
	const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 3072 });
	const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
	const key = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
	const cert = forge.pki.createCertificate();
	cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
	// A positive serial of 16 random bytes.
	cert.serialNumber = '01' + randomBytes(15).toString('hex');
	cert.validity.notBefore = new Date(now.getTime() - 60_000);
	cert.validity.notAfter = new Date(Date.UTC(now.getUTCFullYear() + 30, now.getUTCMonth(), now.getUTCDate()));
	const name = [
		{ name: 'commonName', value: commonName },
		{ name: 'organizationName', value: 'Beacon installation (self-signed)' }
	];
	cert.setSubject(name);
	cert.setIssuer(name);
	cert.setExtensions([
		{ name: 'basicConstraints', cA: false, critical: true },
		{ name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
		{ name: 'subjectKeyIdentifier' }
	]);
	cert.sign(key, forge.md.sha256.create());
	return { keyPem, certPem: forge.pki.certificateToPem(cert) };
}

function secretDir(env: NodeJS.ProcessEnv): string {
	const secretFile = path.resolve(env.BEACON_SECRET_FILE?.trim() || path.join('data', 'secret'));
	return path.dirname(secretFile);
}

/** Where the self-signed identity is kept when no PKCS#12 is configured. */
export function signingFile(env: NodeJS.ProcessEnv = process.env): string {
	return path.resolve(env.BEACON_SIGNING_FILE?.trim() || path.join(secretDir(env), 'signing.pem'));
}

function loadOrCreateSelfSigned(file: string): SigningIdentity {
	if (!existsSync(file)) {
		mkdirSync(path.dirname(file), { recursive: true });
		const { keyPem, certPem } = createSelfSigned('Beacon report signing');
		// Written whole under another name, then linked into place: a process starting at the same moment
		// never reads half a file, and if it made one first, its certificate is the one kept.
		const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
		writeFileSync(draft, `${keyPem}${certPem}`, { mode: 0o600, flag: 'wx' });
		try {
			linkSync(draft, file);
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
		} finally {
			unlinkSync(draft);
		}
	}
	chmodSync(file, 0o600);
	const text = readFileSync(file, 'utf8');
	const keyPem = /-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----/.exec(text)?.[0];
	const certPems = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
	if (!keyPem || certPems.length === 0) throw new Error(`${file} holds no private key and certificate`);
	return identityOf(keyPem, certPems, true);
}

/** The installation's signing identity, read (or made) once per process. */
export function signingIdentity(env: NodeJS.ProcessEnv = process.env): SigningIdentity {
	const p12File = env.BEACON_SIGNING_P12?.trim();
	const cacheKey = p12File ? `p12:${path.resolve(p12File)}` : `file:${signingFile(env)}`;
	if (cached?.key === cacheKey) return cached.identity;
	let identity: SigningIdentity;
	if (p12File) {
		const { keyPem, certPems } = readPkcs12(readFileSync(p12File), env.BEACON_SIGNING_PASSPHRASE ?? '');
		identity = identityOf(keyPem, certPems, false);
	} else identity = loadOrCreateSelfSigned(signingFile(env));
	cached = { key: cacheKey, identity };
	return identity;
}
