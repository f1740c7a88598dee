import { idCheckChar } from '../../../platform/pii/validators.ts';
import type { Rng } from './random.ts';

// Common surnames with rough frequency weights, and characters common in given names.
const SURNAMES: ReadonlyArray<readonly [string, number]> = [
  ['王', 72],
  ['李', 71],
  ['张', 68],
  ['刘', 52],
  ['陈', 45],
  ['杨', 32],
  ['黄', 24],
  ['赵', 21],
  ['吴', 20],
  ['周', 19],
  ['徐', 15],
  ['孙', 15],
  ['马', 13],
  ['朱', 13],
  ['胡', 12],
  ['郭', 11],
  ['何', 10],
  ['高', 10],
  ['林', 10],
  ['罗', 9],
  ['郑', 9],
  ['梁', 8],
  ['谢', 7],
  ['宋', 7],
  ['唐', 7],
  ['许', 6],
  ['韩', 6],
  ['冯', 6],
  ['邓', 6],
  ['曹', 6],
  ['彭', 5],
  ['曾', 5],
  ['肖', 5],
  ['田', 5],
  ['董', 5],
  ['袁', 4],
  ['潘', 4],
  ['于', 4],
  ['蒋', 4],
  ['蔡', 4],
  ['余', 4],
  ['杜', 4],
  ['叶', 4],
  ['程', 4],
  ['苏', 3],
  ['魏', 3],
  ['吕', 3],
  ['丁', 3],
  ['任', 3],
  ['欧阳', 1],
];
const MALE = '伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林阳志国建文峰东晨博';
const FEMALE = '芳娜敏静丽艳娟霞秀英玲桂兰萍婷雪琳颖慧倩晶红梅燕琴云莉洁佳欣怡悦璐瑶';

// Real administrative-division codes (GB/T 2260) with the matching address prefix.
const REGIONS: ReadonlyArray<readonly [string, string]> = [
  ['110105', '北京市朝阳区'],
  ['110108', '北京市海淀区'],
  ['310115', '上海市浦东新区'],
  ['310104', '上海市徐汇区'],
  ['440305', '广东省深圳市南山区'],
  ['440106', '广东省广州市天河区'],
  ['330106', '浙江省杭州市西湖区'],
  ['320106', '江苏省南京市鼓楼区'],
  ['320505', '江苏省苏州市虎丘区'],
  ['510107', '四川省成都市武侯区'],
  ['420106', '湖北省武汉市武昌区'],
  ['610113', '陕西省西安市雁塔区'],
  ['500103', '重庆市渝中区'],
  ['120101', '天津市和平区'],
  ['370202', '山东省青岛市市南区'],
  ['350203', '福建省厦门市思明区'],
  ['430104', '湖南省长沙市岳麓区'],
  ['410105', '河南省郑州市金水区'],
  ['210106', '辽宁省沈阳市铁西区'],
  ['530102', '云南省昆明市五华区'],
];
const ROADS = [
  '人民路',
  '建设路',
  '中山路',
  '解放路',
  '和平路',
  '新华路',
  '长江路',
  '黄河路',
  '科技路',
  '文化路',
  '世纪大道',
  '滨江路',
];
const ESTATES = [
  '阳光花园',
  '锦绣家园',
  '翠湖苑',
  '金色港湾',
  '绿地小区',
  '华府名邸',
  '世纪城',
  '碧桂园',
  '万科城市花园',
  '保利香槟苑',
];
const MOBILE_PREFIXES = [
  '138',
  '139',
  '136',
  '137',
  '135',
  '150',
  '151',
  '152',
  '158',
  '159',
  '186',
  '187',
  '188',
  '177',
  '199',
  '133',
  '153',
  '180',
  '189',
];

export interface Person {
  name: string;
  gender: 'M' | 'F';
  idNumber: string;
  birthDate: string;
  phone: string;
  address: string;
  city: string;
}

export function makeName(rng: Rng, gender: 'M' | 'F'): string {
  const surname = rng.weighted(SURNAMES);
  const pool = gender === 'M' ? MALE : FEMALE;
  const given = rng.chance(0.35) ? rng.pick([...pool]) : rng.pick([...pool]) + rng.pick([...pool]);
  return surname + given;
}

/** An 18-digit ID number with a real region code, birth date, sequence parity by gender and MOD 11-2 check. */
export function makeIdNumber(region: string, birthDate: string, seq: number, gender: 'M' | 'F'): string {
  let s = seq % 1000;
  if ((s % 2 === 1) !== (gender === 'M')) s = (s + 1) % 1000;
  const first17 = `${region}${birthDate.replaceAll('-', '')}${String(s).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

/** A unique mobile number per index: the multiplier is coprime to 10⁸, so indexes never collide. */
export function makeMobile(index: number, seed: number): string {
  const prefix = MOBILE_PREFIXES[index % MOBILE_PREFIXES.length] ?? '138';
  const body = (index * 104_729 + seed * 7_919 + 12_345) % 100_000_000;
  return prefix + String(body).padStart(8, '0');
}

export function makePerson(rng: Rng, index: number, seed: number, today: string): Person {
  const gender = rng.chance(0.5) ? 'M' : 'F';
  const [region, place] = rng.pick(REGIONS);
  const year = Number(today.slice(0, 4)) - rng.int(22, 66);
  const month = rng.int(1, 12);
  const day = rng.int(1, 28);
  const birthDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const address = `${place}${rng.pick(ROADS)}${rng.int(1, 999)}号${rng.pick(ESTATES)}${rng.int(1, 30)}栋${rng.int(1, 32)}0${rng.int(1, 6)}室`;
  return {
    name: makeName(rng, gender),
    gender,
    idNumber: makeIdNumber(region, birthDate, rng.int(0, 999), gender),
    birthDate,
    phone: makeMobile(index, seed),
    address,
    city: place.replace(/^(.*?省)?/, '').slice(0, 3),
  };
}
