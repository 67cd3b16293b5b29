import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../platform/validators/index.js';
import { suggestClassification } from './classify.js';

describe('classification aid', () => {
  it('recognises ID numbers by name and by valid sample values', () => {
    expect(suggestClassification('公民身份号码')).toMatchObject({
      personalInfo: true,
      sensitivity: 'sensitive',
      maskingRule: 'mask_middle',
      standardRef: 'GB 11643',
    });
    const byValue = suggestClassification('zjhm', ['11010519491231002X', '440524188001010014']);
    expect(byValue).toMatchObject({ sensitivity: 'sensitive', standardRef: 'GB 11643' });
    expect(byValue.reason).toMatch(/2\/2/);
  });
  it('does not call random digits ID numbers', () => {
    expect(suggestClassification('bh', ['123456789012345678', '000000000000000000'])).toMatchObject({ personalInfo: false });
  });
  it('recognises phones, names, addresses, bank cards, e-mails and credit codes from samples', () => {
    expect(suggestClassification('c1', ['13800138000', '+86 139 0000 0000', '0595-22345678'])).toMatchObject({
      sensitivity: 'personal',
      maskingRule: 'mask_middle',
    });
    expect(suggestClassification('c2', ['张三', '李四光', '王小明'])).toMatchObject({ personalInfo: true, maskingRule: 'mask_tail' });
    expect(suggestClassification('c3', ['福建省泉州市丰泽区东海街道1号', '示例市鲤城区中山路123号'])).toMatchObject({
      maskingRule: 'redact',
    });
    expect(suggestClassification('c4', ['4111111111111111', '6011000990139424'])).toMatchObject({ sensitivity: 'sensitive' });
    expect(suggestClassification('c5', ['a@example.gov.cn', 'b@example.com'])).toMatchObject({ personalInfo: true });
    const credit = ['91350500MA2XY1234', '12350500MB0000001'].map((b) => b + creditCodeCheckChar(b));
    expect(suggestClassification('c6', credit)).toMatchObject({ personalInfo: false, standardRef: 'GB 32100' });
  });
  it('flags health information as sensitive by name and leaves plain fields alone', () => {
    expect(suggestClassification('疫苗名称')).toMatchObject({ sensitivity: 'sensitive' });
    expect(suggestClassification('床位数', ['120', '80'])).toMatchObject({ personalInfo: false, sensitivity: 'none' });
  });
});
