// SPDX-License-Identifier: GPL-2.0-only
//
// validate.mjs - validates SARIF logs against the SARIF 2.1.0 JSON schema of
// the OASIS SARIF TC (title "Static Analysis Results Format (SARIF) Version
// 2.1.0 JSON Schema", $id .../oasis-tcs/sarif-spec/master/Schemata/
// sarif-schema-2.1.0.json, JSON Schema draft-07), with Ajv and ajv-formats.
//
//   node validate.mjs FILE.sarif...   every file must be valid (exit 0)
//   node validate.mjs --self-test     logs broken on purpose must be rejected
//
// Where the schema comes from: no Debian package ships it, and no npm
// package ships it as a plain file.  @datadog/datadog-ci-plugin-sarif
// (Apache-2.0; pinned, with its integrity, in package-lock.json) validates
// uploads against it and carries it, unchanged, as a JSON object literal in
// its bundle (region "src/json-schema/sarif-schema-2.1.0.json").  That
// literal is cut out and evaluated in an empty VM context (it is data: no
// names, no calls), then checked: its title, $id and draft, and a SHA-256
// of its canonical JSON, so a different schema cannot slip in unnoticed.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import vm from 'node:vm';

import Ajv from 'ajv';
import addFormats from 'ajv-formats';

const TITLE = 'Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema';
const ID = 'https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json';
const DRAFT = 'http://json-schema.org/draft-07/schema#';
// sha256 of JSON.stringify(schema) with keys in the order of the file.
const SHA256 = 'bcb164ef0fc75f1a2702aaef45e460f9181f2a91908b114d6ebb3861970d0664';

function die(msg) {
	console.error(`validate.mjs: ${msg}`);
	process.exit(2);
}

// The object literal that starts at the first '{' at or after 'from'.
function objectLiteral(src, from) {
	const start = src.indexOf('{', from);
	let depth = 0;
	let quote = null;

	for (let i = start; i < src.length; i++) {
		const c = src[i];

		if (quote) {
			if (c === '\\')
				i++;
			else if (c === quote)
				quote = null;
			continue;
		}
		if (c === '"' || c === "'" || c === '`')
			quote = c;
		else if (c === '{')
			depth++;
		else if (c === '}' && --depth === 0)
			return src.slice(start, i + 1);
	}
	return null;
}

function loadSchema() {
	const require = createRequire(import.meta.url);
	let bundle;

	try {
		bundle = readFileSync(require.resolve('@datadog/datadog-ci-plugin-sarif'), 'utf8');
	} catch (e) {
		die(`cannot read @datadog/datadog-ci-plugin-sarif (npm ci in this folder): ${e.message}`);
	}
	const region = bundle.indexOf('//#region src/json-schema/sarif-schema-2.1.0.json');
	if (region < 0)
		die('the bundle has no src/json-schema/sarif-schema-2.1.0.json region');
	const assign = bundle.indexOf('= {', region);
	const literal = assign < 0 ? null : objectLiteral(bundle, assign);
	if (!literal)
		die('cannot find the schema object in the bundle');
	// An empty context: the literal can reach no module, no process.
	const schema = vm.runInNewContext(`(${literal})`, Object.create(null),
					  { timeout: 5000 });
	if (schema.title !== TITLE || schema.$id !== ID || schema.$schema !== DRAFT)
		die(`not the OASIS SARIF 2.1.0 schema: ${schema.title} / ${schema.$id} / ${schema.$schema}`);
	const digest = createHash('sha256').update(JSON.stringify(schema)).digest('hex');
	if (digest !== SHA256)
		die(`the schema's SHA-256 is ${digest}, want ${SHA256}: it changed`);
	return schema;
}

function compile() {
	// Strict, so that no keyword of the schema is silently ignored; only
	// strictRequired is off: the schema lists in anyOf/oneOf branches
	// "required" properties that the parent object defines.
	const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });

	addFormats(ajv);
	return ajv.compile(loadSchema());
}

function describe(errors) {
	return errors.slice(0, 20).map((e) =>
		`  ${e.instancePath || '/'}: ${e.message}` +
		(e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : '')).join('\n');
}

// Logs that must be rejected, each a small change to a valid one.
function selfTest(validate) {
	const good = {
		$schema: 'https://json.schemastore.org/sarif-2.1.0.json',
		version: '2.1.0',
		runs: [{
			tool: { driver: { name: 't', rules: [{ id: 'r' }] } },
			results: [{
				ruleId: 'r', ruleIndex: 0, level: 'error',
				message: { text: 'm' },
				locations: [{ physicalLocation: {
					artifactLocation: { uri: 'a%20b/.config', uriBaseId: 'SRCROOT' },
					region: { startLine: 3 } } }],
				relatedLocations: [{ id: 1, message: { text: 'n' } }],
				partialFingerprints: { 'x/v1': 'r:S' },
			}],
			originalUriBaseIds: { SRCROOT: { uri: 'file:///usr/src/linux/' } },
		}],
	};
	const bad = {
		'level fatal': (l) => { l.runs[0].results[0].level = 'fatal'; },
		'no version': (l) => { delete l.version; },
		'version 2.0.0': (l) => { l.version = '2.0.0'; },
		'no tool': (l) => { delete l.runs[0].tool; },
		'no driver name': (l) => { delete l.runs[0].tool.driver.name; },
		'message without text or id': (l) => { l.runs[0].results[0].message = {}; },
		'startLine 0': (l) => { l.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0; },
		'ruleIndex -2': (l) => { l.runs[0].results[0].ruleIndex = -2; },
		'unknown result property': (l) => { l.runs[0].results[0].severity = 'error'; },
		'uri not a URI reference': (l) => { l.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = 'a b:c'; },
		'duplicate related locations': (l) => {
			const r = l.runs[0].results[0];
			r.relatedLocations.push(structuredClone(r.relatedLocations[0]));
		},
		'fingerprint not a string': (l) => { l.runs[0].results[0].partialFingerprints['x/v1'] = 1; },
	};
	let failed = 0;

	if (!validate(good)) {
		console.error(`self-test: the valid log is rejected:\n${describe(validate.errors)}`);
		failed++;
	}
	for (const [name, change] of Object.entries(bad)) {
		const log = structuredClone(good);

		change(log);
		if (validate(log)) {
			console.error(`self-test: accepted a log with ${name}`);
			failed++;
		}
	}
	console.log(`self-test: ${Object.keys(bad).length + 1} logs, ${failed} wrong`);
	return failed === 0;
}

const args = process.argv.slice(2);
if (!args.length)
	die('usage: node validate.mjs --self-test | FILE.sarif...');
const validate = compile();
let ok = true;

if (args[0] === '--self-test') {
	ok = selfTest(validate);
} else {
	for (const file of args) {
		let log;

		try {
			log = JSON.parse(readFileSync(file, 'utf8'));
		} catch (e) {
			console.error(`${file}: not JSON: ${e.message}`);
			ok = false;
			continue;
		}
		if (validate(log)) {
			console.log(`${file}: valid SARIF 2.1.0`);
		} else {
			console.error(`${file}: not valid against the SARIF 2.1.0 schema:\n${describe(validate.errors)}`);
			ok = false;
		}
	}
}
process.exit(ok ? 0 : 1);
