-- At most one running sweep per settlement month, whatever the number of service instances.
CREATE UNIQUE INDEX sweep_one_running_per_month ON sweep (month) WHERE status = 'RUNNING';
