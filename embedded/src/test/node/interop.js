'use strict';
// An independent client for Klaxon's wire-format interoperability test: kafkajs for Kafka and
// Confluent's official @confluentinc/schemaregistry Avro serde for the Confluent wire format.
//
//   node interop.js produce --brokers H:P --registry URL --topic T --schema FILE --count N --out FILE
//     registers the schema in FILE under <topic>-value, produces N AlertEvents, writes them as JSON
//   node interop.js consume --brokers H:P --registry URL --topic T --count N --out FILE
//     reads N records from the start of the topic, decodes them, writes them as JSON
//
// Exits non-zero with a message on any failure.

const fs = require('fs');
const { Kafka, logLevel } = require('kafkajs');
const {
  SchemaRegistryClient, AvroSerializer, AvroDeserializer, SerdeType,
} = require('@confluentinc/schemaregistry');

function args(argv) {
  const out = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--')) {
      out[argv[i].slice(2)] = argv[i + 1];
      i++;
    } else {
      out._.push(argv[i]);
    }
  }
  for (const required of ['brokers', 'registry', 'topic', 'count', 'out']) {
    if (!out[required]) throw new Error(`missing --${required}`);
  }
  return out;
}

const SEVERITIES = ['CRITICAL', 'HIGH', 'WARNING', 'INFO'];

// Events chosen to exercise every field type: unions both ways, empty and non-empty maps and
// arrays, non-ASCII and right-to-left text, large and small timestamps.
function event(i) {
  const uuid = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  return {
    eventId: uuid,
    tenantId: i % 3 === 0 ? 'acme' : `tenant-${i % 7}`,
    kind: i % 4 === 0 ? 'WARNING' : 'ALERT',
    status: i % 5 === 0 ? 'RESOLVED' : 'FIRING',
    severity: SEVERITIES[i % SEVERITIES.length],
    source: `service-${i}`,
    title: i % 2 === 0 ? `Disk ${i}% full` : 'תקלה במערכת התשלומים — 支付失败',
    message: `line one\nline two ${'é'.repeat(i % 5)} 🔥 <b>&amp;</b>`,
    labels: i % 3 === 0 ? {} : { region: 'eu-west-1', env: i % 2 ? 'prod' : 'staging', n: String(i) },
    fingerprint: i % 2 === 0 ? null : `fp-${i}`,
    occurredAt: 1767225600000 + i * 1234567,
    locale: [null, 'fr-CA', 'ar', 'ja'][i % 4],
    links: i % 3 === 1 ? [{ url: `https://runbooks.example/${i}`, text: null }, { url: 'https://grafana.example/d/1', text: 'Dashboard' }] : [],
  };
}

// Values as JSON-friendly data: avsc may hand back Dates for timestamp-millis and unions as plain values.
function plain(value) {
  return JSON.parse(JSON.stringify(value, (key, v) => {
    if (v instanceof Date) return v.getTime();
    if (typeof v === 'bigint') return Number(v);
    return v;
  }));
}

async function produce(a) {
  const registry = new SchemaRegistryClient({ baseURLs: [a.registry] });
  const subject = `${a.topic}-value`;
  const schema = fs.readFileSync(a.schema, 'utf8');
  // Register explicitly: auto-registration would infer a schema from the object and lose types.
  const id = await registry.register(subject, { schemaType: 'AVRO', schema }, false);
  const serializer = new AvroSerializer(registry, SerdeType.VALUE, { useLatestVersion: true });
  const kafka = new Kafka({ clientId: 'klaxon-interop-js', brokers: [a.brokers], logLevel: logLevel.WARN });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const events = [];
  try {
    for (let i = 0; i < Number(a.count); i++) {
      const e = event(i);
      const value = await serializer.serialize(a.topic, e);
      await producer.send({ topic: a.topic, acks: -1, messages: [{ key: e.tenantId, value }] });
      events.push(e);
    }
  } finally {
    await producer.disconnect();
  }
  fs.writeFileSync(a.out, JSON.stringify({ schemaId: id, events: plain(events) }, null, 2));
  console.log(`produced ${events.length} events with schema id ${id}`);
}

async function consume(a) {
  const registry = new SchemaRegistryClient({ baseURLs: [a.registry] });
  const deserializer = new AvroDeserializer(registry, SerdeType.VALUE, {});
  const kafka = new Kafka({ clientId: 'klaxon-interop-js', brokers: [a.brokers], logLevel: logLevel.WARN });
  const consumer = kafka.consumer({ groupId: `klaxon-interop-js-${Date.now()}` });
  const wanted = Number(a.count);
  const decoded = [];
  await consumer.connect();
  await consumer.subscribe({ topic: a.topic, fromBeginning: true });
  const done = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after 60s with ${decoded.length}/${wanted} records`)), 60000);
    consumer.run({
      eachMessage: async ({ message }) => {
        try {
          decoded.push({ key: message.key && message.key.toString('utf8'), value: plain(await deserializer.deserialize(a.topic, message.value)) });
          if (decoded.length >= wanted) {
            clearTimeout(timer);
            resolve();
          }
        } catch (err) {
          clearTimeout(timer);
          reject(err);
        }
      },
    }).catch(reject);
  });
  try {
    await done;
  } finally {
    await consumer.disconnect();
  }
  fs.writeFileSync(a.out, JSON.stringify(decoded, null, 2));
  console.log(`consumed and decoded ${decoded.length} events`);
}

const a = args(process.argv.slice(2));
const command = a._[0];
(command === 'produce' ? produce(a) : command === 'consume' ? consume(a) : Promise.reject(new Error(`unknown command ${command}`)))
  .then(() => process.exit(0))
  .catch((err) => {
    console.error(`interop ${command} failed: ${err && err.stack ? err.stack : err}`);
    process.exit(1);
  });
