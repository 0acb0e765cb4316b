/**
 * The filter card of every statistics page: 年度 (when the figures are per year), 区域 (an HR department of the
 * jurisdiction, picked from the tree) and the drill path as a breadcrumb that leads back up.
 */
import { useMemo, type ReactNode } from 'react';
import { Breadcrumb, Button, Card, Form, Select, Space, TreeSelect, Typography } from 'antd';
import { EnvironmentOutlined, ReloadOutlined } from '@ant-design/icons';
import { thisYear, usePolicies, yearOptions } from '../hours/api';
import { useRegions, type RegionNode, type RegionRef } from './api';

interface TreeNode {
  value: number;
  title: string;
  children?: TreeNode[];
}

function toTree(items: RegionNode[]): TreeNode[] {
  const byId = new Map<number, TreeNode>(items.map((r) => [r.id, { value: r.id, title: r.name }]));
  const roots: TreeNode[] = [];
  for (const r of items) {
    const node = byId.get(r.id)!;
    const parent = r.parentId != null ? byId.get(r.parentId) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}

export function StatsFilters({
  year,
  regionId,
  path,
  onChange,
  withYear = true,
  extra,
}: {
  year?: number;
  regionId?: number;
  /** The drill path of the figures shown (from the answer), own region first. */
  path?: RegionRef[];
  onChange: (c: { year?: number; regionId?: number }) => void;
  withYear?: boolean;
  extra?: ReactNode;
}) {
  const policies = usePolicies();
  const regions = useRegions();
  const tree = useMemo(() => toTree(regions.data?.items ?? []), [regions.data]);
  const current = regionId ?? path?.[path.length - 1]?.id;
  return (
    <Card variant="borderless" className="stats-filters">
      <Form layout="inline" name="statsFilters" className="filter-bar">
        {withYear && (
          <Form.Item label="统计年度">
            <Select
              aria-label="统计年度"
              value={year}
              options={yearOptions(policies.data?.items)}
              onChange={(v) => onChange({ year: v })}
              style={{ width: 130 }}
            />
          </Form.Item>
        )}
        <Form.Item label="统计区域">
          <TreeSelect
            aria-label="统计区域"
            value={current}
            treeData={tree}
            loading={regions.isLoading}
            treeDefaultExpandedKeys={tree.map((t) => t.value)}
            showSearch={{ treeNodeFilterProp: 'title' }}
            placeholder="选择区域"
            onChange={(v: number) => onChange({ regionId: v })}
            style={{ width: 220 }}
            popupMatchSelectWidth={260}
          />
        </Form.Item>
        <Form.Item>
          <Space wrap>
            <Button icon={<ReloadOutlined />} onClick={() => onChange({ year: withYear ? thisYear() : undefined, regionId: undefined })}>
              重置
            </Button>
            {extra}
          </Space>
        </Form.Item>
      </Form>
      {path && path.length > 0 && (
        <div className="stats-drill">
          <Typography.Text type="secondary">
            <EnvironmentOutlined /> 当前区域：
          </Typography.Text>
          <Breadcrumb
            items={path.map((p, i) =>
              i === path.length - 1
                ? { key: p.id, title: <strong>{p.name}</strong> }
                : { key: p.id, title: <a onClick={() => onChange({ regionId: i === 0 ? undefined : p.id })}>{p.name}</a> },
            )}
          />
          {path.length > 1 && (
            <Typography.Text type="secondary" className="stats-drill-hint">
              点击上级区域可返回
            </Typography.Text>
          )}
        </div>
      )}
    </Card>
  );
}
