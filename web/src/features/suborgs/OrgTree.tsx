/** 机构树: the jurisdiction, one level at a time (root = own organisation). */
import { useEffect, useState } from 'react';
import { Alert, Empty, Skeleton, Space, Tag, Tree, Typography, type TreeDataNode } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '../../app/api';
import { OrgStatusTag } from '../../components/StatusTag';
import { suborgsApi, type TreeOrg } from './api';

const TYPE_COLORS: Record<string, string> = { hr: 'blue', authority: 'purple', employer: 'cyan', base: 'orange' };

function toNode(o: TreeOrg): TreeDataNode {
  return {
    key: String(o.id),
    isLeaf: o.childCount === 0,
    title: (
      <Space size={6}>
        <span>{o.name}</span>
        <Tag color={TYPE_COLORS[o.type] ?? 'default'} style={{ marginInlineEnd: 0 }}>
          {o.typeName}
        </Tag>
        {o.status !== 'active' && <OrgStatusTag status={o.status} />}
        {o.childCount > 0 && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            下属 {o.childCount}
          </Typography.Text>
        )}
      </Space>
    ),
  };
}

function withChildren(nodes: TreeDataNode[], key: string, children: TreeDataNode[]): TreeDataNode[] {
  return nodes.map((n) => (n.key === key ? { ...n, children } : n.children ? { ...n, children: withChildren(n.children, key, children) } : n));
}

export function OrgTree({ onOpen }: { onOpen: (id: number) => void }) {
  const root = useQuery({ queryKey: ['suborgs', 'tree', 'root'], queryFn: () => suborgsApi.tree(), select: (d) => d.items });
  const [nodes, setNodes] = useState<TreeDataNode[]>([]);
  const [expanded, setExpanded] = useState<React.Key[]>([]);
  useEffect(() => {
    if (root.data) {
      setNodes(root.data.map(toNode));
      setExpanded(root.data.map((o) => String(o.id)));
    }
  }, [root.data]);

  const loadData = async (node: { key: React.Key; children?: TreeDataNode[] }) => {
    if (node.children) return;
    const r = await suborgsApi.tree(Number(node.key));
    setNodes((cur) => withChildren(cur, String(node.key), r.items.map(toNode)));
  };

  if (root.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (root.error) return <Alert type="error" showIcon title="加载失败" description={errorMessage(root.error)} />;
  if (!nodes.length) return <Empty description="暂无下属机构" />;
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        点击机构名称查看详情；点击左侧箭头展开下级机构。
      </Typography.Paragraph>
      <Tree
        showLine
        blockNode
        treeData={nodes}
        loadData={loadData}
        expandedKeys={expanded}
        onExpand={(keys) => setExpanded(keys)}
        onSelect={(_keys, info) => onOpen(Number(info.node.key))}
        selectedKeys={[]}
      />
    </>
  );
}
