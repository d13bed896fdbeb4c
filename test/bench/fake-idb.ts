// Loaded dynamically by the benchmark: an in-memory IndexedDB for the desk's Dexie in Node.
import 'fake-indexeddb/auto';
