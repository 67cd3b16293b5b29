// The demo rule set of a resource saved as its first version, as the platform would, for tests that
// run batches against the rules departments really meet.
import type { ResourceView } from '../../src/catalog/index.js';
import { insertRuleSet } from '../../src/governance/index.js';
import { demoRuleSet } from '../../src/demo/rule-sets.js';
import { SYSTEM_ACTOR } from '../../src/audit/index.js';
import type { TestContext } from './context.js';

export async function saveDemoRuleSet(ctx: TestContext, resource: ResourceView): Promise<void> {
  await ctx.audit.transaction({ ...SYSTEM_ACTOR, name: 'test' }, async (trx, trail) => {
    await insertRuleSet(trx, {
      resourceId: resource.id,
      elements: resource.elements,
      ruleSet: demoRuleSet(resource.name, resource.elements)!,
      comment: 'demo',
      userId: 'test',
      clock: ctx.clock,
    });
    trail.record({ action: 'rules.saved', objectType: 'resource', objectId: resource.id });
  });
}
