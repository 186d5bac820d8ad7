import { SERVICE_NAMES, Topics, probeTopic, unitAssignmentsTopic } from './topics';

describe('topic names', () => {
  it('name every integration topic <service>.<what>.v<N>', () => {
    for (const topic of [...Object.values(Topics), ...SERVICE_NAMES.map(probeTopic)]) {
      expect(topic).toMatch(/^[a-z]+\.[a-z0-9-]+\.v\d+$/);
    }
  });

  it('give each unit its own assignment topic', () => {
    expect(unitAssignmentsTopic('cong-an-xa')).toBe('routing.unit-assignments.cong-an-xa.v1');
  });

  it.each(['', 'Công An', 'a.b', '-x', 'a b'])('refuse the unit code %p in a topic name', (code) => {
    expect(() => unitAssignmentsTopic(code)).toThrow('invalid unit code');
  });
});
