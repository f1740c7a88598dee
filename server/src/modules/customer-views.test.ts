import assert from 'node:assert/strict';
import { test } from 'node:test';
import { customer360Schema } from '@carddesk/contracts';
import { modules } from './index.ts';

test('every section a module adds to the customer 360 view is declared in its contract', () => {
  const sections = modules.flatMap((m) => m.customerViews ?? []).map((v) => v.section);
  assert.ok(sections.length >= 3, `sections: ${sections.join(', ')}`);
  for (const section of sections) {
    assert.ok(section in customer360Schema.shape, `"${section}" is missing from customer360Schema`);
  }
});
