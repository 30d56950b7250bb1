import { describe, expect, it } from 'vitest'
import { customerAiKeys, fold, segmentBelongsTo, segmentsOfInstance } from './match'

const field = (key: string) => `_acmeinc.CustomerAI.${key}.score`
const segment = (name: string, expression?: string) => ({ id: name, name, expression })

describe('segments of an instance', () => {
  it('reads the instance keys of a PQL rule', () => {
    expect(customerAiKeys(`${field('churnPrediction')} >= 25 and ${field('churnPrediction')} <= 74`)).toEqual(['churnPrediction'])
    expect(customerAiKeys(`${field('a')} > 1 or ${field('b')} < 2`)).toEqual(['a', 'b'])
    expect(customerAiKeys('homeAddress.country = "US"')).toEqual([])
    expect(customerAiKeys(undefined)).toEqual([])
  })

  it('folds names and keys alike', () => {
    expect(fold('Churn Prediction')).toBe(fold('churnPrediction'))
    expect(fold('Purchase-Conversion (EMEA)')).toBe('purchaseconversionemea')
    expect(fold('Réachat')).toBe('reachat')
  })

  it('matches the simulator’s bucket segments to their instance by the key in the rule', () => {
    const all = [
      segment('Churn Prediction – High propensity', `${field('churnPrediction')} > 74`),
      segment('Churn Prediction – Broken export', `${field('churnPrediction')} > 90`),
      segment('Purchase Conversion – Low propensity', `${field('purchaseConversion')} < 24`),
      segment('Loyalty Churn Risk – High propensity', `${field('loyaltyChurnRisk')} > 74`),
    ]
    expect(segmentsOfInstance(all, { name: 'Churn Prediction' }).map((s) => s.name)).toEqual([
      'Churn Prediction – Broken export',
      'Churn Prediction – High propensity',
    ])
    expect(segmentsOfInstance(all, { name: 'Purchase Conversion' })).toHaveLength(1)
    expect(segmentsOfInstance(all, { name: 'Churn' })).toEqual([])
  })

  it('uses the key read from the score files when the key is not the name', () => {
    const opaque = segment('High churners', `${field('cai_7f3a91')} > 74`)
    expect(segmentBelongsTo(opaque, { name: 'Churn Prediction' })).toBe(false)
    expect(segmentBelongsTo(opaque, { name: 'Churn Prediction', key: 'cai_7f3a91' })).toBe(true)
  })

  it('lets the rule win over the name', () => {
    const misnamed = segment('Churn Prediction – copy', `${field('purchaseConversion')} > 74`)
    expect(segmentBelongsTo(misnamed, { name: 'Churn Prediction' })).toBe(false)
    expect(segmentBelongsTo(misnamed, { name: 'Purchase Conversion' })).toBe(true)
  })

  it('falls back to the name, followed by a separator, when the rule names no Customer AI path', () => {
    expect(segmentBelongsTo(segment('Churn Prediction – hand-made'), { name: 'Churn Prediction' })).toBe(true)
    expect(segmentBelongsTo(segment('churn prediction: VIPs', 'vip = true'), { name: 'Churn Prediction' })).toBe(true)
    expect(segmentBelongsTo(segment('Churn Prediction'), { name: 'Churn Prediction' })).toBe(true)
    expect(segmentBelongsTo(segment('Churn Predictions – other'), { name: 'Churn Prediction' })).toBe(false)
    expect(segmentBelongsTo(segment('Churn Prediction – High'), { name: 'Churn' })).toBe(false)
    expect(segmentBelongsTo(segment('Anything'), { name: '' })).toBe(false)
  })
})
